package dev.connectconfig.platform.cloudformation;

import java.io.IOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The HTTP client Powertools answers CloudFormation through: it sends only to a URL {@link ResponseUrls} allows, and
 * nothing at all for an event the handler marked unanswerable (one from another stack: CloudFormation is not waiting
 * for it, and whoever wrote it learns nothing). A refused answer fails like an unreachable URL, and the handler logs
 * it.
 */
final class ResponseChannel implements SdkHttpClient {

    private final SdkHttpClient client;
    private final ResponseUrls allowed;
    private final ThreadLocal<String> silence = new ThreadLocal<>();

    ResponseChannel(SdkHttpClient client, ResponseUrls allowed) {
        this.client = client;
        this.allowed = allowed;
    }

    /** The answer to the event being handled on this thread is not sent, for {@code reason}; null sends it. */
    void silence(String reason) {
        if (reason == null) {
            silence.remove();
        } else {
            silence.set(reason);
        }
    }

    boolean allows(String url) {
        return allowed.allows(url);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String reason = silence.get();
        if (reason == null && !allowed.allows(request.httpRequest().getUri())) {
            reason = "the ResponseURL is not one of CloudFormation's response URLs for this region";
        }
        if (reason == null) {
            return client.prepareRequest(request);
        }
        String refused = reason;
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                throw new IOException("not answered: " + refused);
            }

            @Override
            public void abort() {
                // nothing was started
            }
        };
    }

    @Override
    public String clientName() {
        return "CloudFormationResponses";
    }

    @Override
    public void close() {
        client.close();
    }
}
