package dev.connectconfig.platform.cloudformation;

import java.net.URI;

/**
 * The two things a custom resource trusts CloudFormation for: what it holds for the resource an Update or Delete
 * names, and where an answer may go.
 */
public record CloudFormationService(StackResources stackResources, ResponseUrls responseUrls) {

    /** In Lambda: DescribeStackResource through the SDK, answers to the region's CloudFormation URLs. */
    public static CloudFormationService fromEnvironment() {
        return new CloudFormationService(
                new CloudFormationStackResources(CloudFormationStackResources.client(null)),
                ResponseUrls.fromEnvironment(System::getenv));
    }

    /**
     * For tests: DescribeStackResource at {@code cloudFormationEndpoint} (a local stand-in), answers to us-east-1's
     * CloudFormation URLs and to {@code responseOrigin}, a loopback server standing in for the pre-signed URL.
     */
    public static CloudFormationService local(URI cloudFormationEndpoint, URI responseOrigin) {
        return new CloudFormationService(
                new CloudFormationStackResources(CloudFormationStackResources.client(cloudFormationEndpoint)),
                ResponseUrls.cloudFormationAnd("us-east-1", responseOrigin));
    }
}
