package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.aws.AwsClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A keep-alive connection the server closed while it sat idle in the client's pool, then reused for an upload: what
 * s3proxy (Jetty) does to a pooled connection, made deterministic. This server answers one request per connection and
 * then closes it without {@code Connection: close}, as a server's idle timeout does.
 */
class StaleConnectionIT {

    /** Answers each request 200 (after a 100 Continue when asked for one), then closes that connection. */
    private static final class ClosingServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        final LinkedBlockingQueue<String> closed = new LinkedBlockingQueue<>();
        final Thread thread = Thread.ofVirtual().start(this::serve);

        ClosingServer() throws IOException {
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                    long length = 0;
                    boolean expectContinue = false;
                    String line = reader.readLine();
                    if (line == null) {
                        continue;
                    }
                    while ((line = reader.readLine()) != null && !line.isEmpty()) {
                        String header = line.toLowerCase(Locale.ROOT);
                        if (header.startsWith("content-length:")) {
                            length = Long.parseLong(header.substring(15).trim());
                        } else if (header.startsWith("expect:") && header.contains("100-continue")) {
                            expectContinue = true;
                        }
                    }
                    if (expectContinue) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                    for (long i = 0; i < length; i++) {
                        reader.read();
                    }
                    requests.incrementAndGet();
                    out.write(("HTTP/1.1 200 OK\r\nETag: \"part\"\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                } finally {
                    closed.add("closed");
                }
            }
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void anUploadOnAPooledConnectionTheServerHasClosedStillSucceeds() throws Exception {
        try (ClosingServer server = new ClosingServer();
                S3Client s3 = AwsClients.build(S3Client.builder().forcePathStyle(true),
                        AwsClients.Timeouts.BACKGROUND, server.endpoint())) {
            s3.uploadPart(r -> r.bucket("exports").key("users.jsonl").uploadId("u").partNumber(1),
                    RequestBody.fromString("first part"));
            // The server has closed the connection the client keeps in its pool for the next call.
            assertEquals("closed", server.closed.poll(5, TimeUnit.SECONDS));

            s3.uploadPart(r -> r.bucket("exports").key("users.jsonl").uploadId("u").partNumber(2),
                    RequestBody.fromString("second part"));

            assertEquals(2, server.requests.get());
        }
    }
}
