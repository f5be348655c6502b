package dev.connectconfig.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * A loopback port that refuses every connection, as a service that is down does. The port stays bound (never
 * listening) until closed, so nothing else can take it and start answering: unlike a port found free and let go.
 */
public final class RefusedPort implements AutoCloseable {

    private final Socket bound = new Socket();

    public RefusedPort() {
        try {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + bound.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        bound.close();
    }
}
