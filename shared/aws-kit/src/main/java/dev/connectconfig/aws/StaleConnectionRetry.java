package dev.connectconfig.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The url-connection client with its I/O failures made retryable. On a pooled keep-alive connection the server has
 * since closed (an idle timeout, a Lambda environment thawed after minutes), a PUT with a body (S3's
 * {@code Expect: 100-continue} uploads) fails with "Unexpected end of file from server": the JDK does not resend a
 * streamed body, and the url-connection client throws that {@code IOException} wrapped in an
 * {@code UncheckedIOException}, which the SDK's retry stage does not catch. Unwrapped, it is an {@code IOException},
 * which the SDK retries on a new connection (the JDK has closed and dropped the dead one).
 */
final class StaleConnectionRetry implements SdkHttpClient {

    private final SdkHttpClient delegate;

    StaleConnectionRetry(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return call.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
