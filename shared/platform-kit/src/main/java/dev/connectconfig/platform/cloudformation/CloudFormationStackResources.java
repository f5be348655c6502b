package dev.connectconfig.platform.cloudformation;

import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.AwsErrors;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDetail;

/** {@link StackResources} by CloudFormation's DescribeStackResource, on the stack's own ARN (template.yaml). */
public final class CloudFormationStackResources implements StackResources {

    private final CloudFormationClient cloudFormation;

    public CloudFormationStackResources(CloudFormationClient cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    /** The client: {@code endpoint} null in AWS (the runner sets AWS_ENDPOINT_URL_CLOUDFORMATION instead). */
    public static CloudFormationClient client(URI endpoint) {
        return AwsClients.build(CloudFormationClient.builder(), AwsClients.Timeouts.BACKGROUND, endpoint);
    }

    @Override
    public Optional<Held> describe(String stackId, String logicalResourceId) {
        try {
            StackResourceDetail detail = cloudFormation.describeStackResource(request -> request
                    .stackName(stackId)
                    .logicalResourceId(logicalResourceId)).stackResourceDetail();
            return Optional.ofNullable(detail).map(held -> new Held(held.physicalResourceId(),
                    held.resourceStatusAsString()));
        } catch (CloudFormationException e) {
            if (e.statusCode() == 400 && e.awsErrorDetails() != null
                    && "ValidationError".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty(); // no such stack or resource
            }
            throw unconfirmed(e);
        } catch (SdkException e) {
            throw unconfirmed(e);
        }
    }

    private static CustomResourceFailure unconfirmed(SdkException e) {
        return new CustomResourceFailure("Could not ask CloudFormation whether it is changing this resource ("
                + AwsErrors.describe(e) + "), so nothing was changed: check that the function's role may call"
                + " cloudformation:DescribeStackResource on this stack, and retry.", e);
    }
}
