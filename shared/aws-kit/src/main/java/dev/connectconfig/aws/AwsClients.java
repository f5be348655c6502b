package dev.connectconfig.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients the same way in every function: the one lean HTTP client, region and credentials from the Lambda
 * environment (no profile files or instance metadata on the cold path), and explicit timeouts.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** How long a caller may wait for one SDK call, and for each attempt of it. */
    public record Timeouts(Duration connect, Duration attempt, Duration call, int maxAttempts) {

        /** For functions no caller is waiting on: generous, with the SDK's standard retries. */
        public static final Timeouts BACKGROUND =
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(60), 5);
    }

    /**
     * Configures {@code builder} and builds the client. {@code endpoint} overrides the service endpoint (DynamoDB
     * Local, an S3-compatible server) and is null in AWS.
     */
    public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(
            B builder, Timeouts timeouts, URI endpoint) {
        return configure(builder, timeouts, endpoint).build();
    }

    /** {@link #build} without building, for a caller that changes one more thing (priming's credentials). */
    public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(
            B builder, Timeouts timeouts, URI endpoint) {
        builder.httpClient(httpClient(timeouts))
                .region(region())
                .credentialsProvider(credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.call())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(timeouts.maxAttempts())
                                .build())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** The url-connection client, its failures on a connection the server had closed retried by the SDK. */
    public static SdkHttpClient httpClient(Timeouts timeouts) {
        return new StaleConnectionRetry(UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.attempt())
                .build());
    }

    /** Lambda sets AWS_REGION; reading it directly skips the SDK's slower region provider chain. */
    public static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    /**
     * Environment variables on a plain Lambda; the container credentials endpoint under SnapStart, where Lambda
     * provides no key variables.
     */
    public static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .build();
    }
}
