package dev.connectconfig.getconfig.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The benchmark's bare JVM: the runtime client and a handler that answers without reading anything. */
public final class NoOpHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{\"answered\":\"bare\"}".getBytes(StandardCharsets.UTF_8));
    }
}
