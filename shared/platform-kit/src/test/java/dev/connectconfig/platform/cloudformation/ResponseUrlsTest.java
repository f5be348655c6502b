package dev.connectconfig.platform.cloudformation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** An answer goes to CloudFormation's pre-signed S3 URLs of the function's region, and nowhere else. */
class ResponseUrlsTest {

    private static final String QUERY = "/arn%3Aaws%3Acloudformation%3A...%7CRes%7Creq?X-Amz-Signature=ab";

    @ParameterizedTest
    @ValueSource(strings = {
        "us-east-1|https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com",
        "us-west-2|https://cloudformation-custom-resource-response-uswest2.s3-us-west-2.amazonaws.com",
        "eu-central-1|https://cloudformation-custom-resource-response-eucentral1.s3.eu-central-1.amazonaws.com",
        "eu-central-1|https://cloudformation-custom-resource-response-eucentral1.s3.amazonaws.com:443",
        "cn-north-1|https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn",
        "cn-northwest-1|https://cloudformation-custom-resource-response-cnnorthwest1.s3.amazonaws.com.cn",
        "us-gov-west-1|https://cloudformation-custom-resource-response-usgovwest1.s3-us-gov-west-1.amazonaws.com",
        "us-gov-east-1|https://cloudformation-custom-resource-response-usgoveast1.s3.us-gov-east-1.amazonaws.com"})
    void cloudFormationsResponseHostsOfTheRegionAreAllowed(String regionAndOrigin) {
        String[] parts = regionAndOrigin.split("\\|");

        assertTrue(ResponseUrls.cloudFormation(parts[0]).allows(parts[1] + QUERY), parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com",
        "https://cloudformation-custom-resource-response-uswest2.s3.amazonaws.com",
        "https://cloudformation-custom-resource-response-useast1.s3-us-west-2.amazonaws.com",
        "https://cloudformation-custom-resource-response-.s3.amazonaws.com",
        "https://cloudformation-custom-resource-response-useast1x.s3.amazonaws.com",
        "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.evil.example",
        "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.cn",
        "https://evil.example/cloudformation-custom-resource-response-useast1.s3.amazonaws.com",
        "https://user@cloudformation-custom-resource-response-useast1.s3.amazonaws.com",
        "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com:8443",
        "https://169.254.169.254",
        "http://127.0.0.1:9000",
        "file:///etc/passwd",
        "not a url"})
    void anythingElseIsRefused(String origin) {
        assertFalse(ResponseUrls.cloudFormation("us-east-1").allows(origin + QUERY), origin);
    }

    @Test
    void theRunnersLoopbackOriginIsAllowedOnlyWhenTheRunnerSetsIt() {
        String local = "http://127.0.0.1:8123/cloudformation-response/1?X-Amz-Signature=local";

        assertFalse(ResponseUrls.fromEnvironment(Map.of("AWS_REGION", "us-east-1")::get).allows(local));
        ResponseUrls runner = ResponseUrls.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                ResponseUrls.RUNNER_ORIGIN_VARIABLE, "http://127.0.0.1:8123")::get);
        assertTrue(runner.allows(local));
        assertFalse(runner.allows("http://127.0.0.1:8124/x"), "that port only");
        assertTrue(runner.allows("https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x"));
        assertThrows(IllegalArgumentException.class, () -> ResponseUrls.fromEnvironment(Map.of(
                ResponseUrls.RUNNER_ORIGIN_VARIABLE, "https://evil.example:443")::get), "loopback only");
    }

    @Test
    void withoutARegionNothingIsAllowed() {
        assertFalse(ResponseUrls.fromEnvironment(Map.<String, String>of()::get)
                .allows(URI.create("https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x")));
    }
}
