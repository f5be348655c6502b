package dev.connectconfig.local;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The AWS SDK's own Lambda client, pointed at a runner's Invoke API as awscli's {@code --endpoint-url} does. */
final class LambdaClients {

    private LambdaClients() {
    }

    /** No retries, and a bound on each call: a runner that stops answering fails the call instead of hanging it. */
    static LambdaClient forRunner(String apiUrl) {
        return LambdaClient.builder()
                .endpointOverride(URI.create(apiUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    static SdkBytes json(String json) {
        return SdkBytes.fromUtf8String(json);
    }
}
