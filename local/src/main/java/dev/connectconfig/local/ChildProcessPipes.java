package dev.connectconfig.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The pipes of child processes (function JVMs, espeak-ng, lame, oggenc), each read or written on a platform thread of
 * its own. Never on a virtual thread: a pipe read or write blocks its carrier thread, and the spare carrier the
 * scheduler adds meanwhile retires after 30 s without work, so a few idle function JVMs would hold every carrier and
 * no request would run again.
 */
final class ChildProcessPipes {

    private ChildProcessPipes() {
    }

    /** Hands each line of {@code stream} to {@code lines} until the process closes it. */
    static Thread lines(String name, InputStream stream, Consumer<String> lines) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone; nothing more to read
            }
        });
    }

    /** Everything {@code stream} holds once the process closes it. */
    static CompletableFuture<byte[]> all(String name, InputStream stream) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try (stream) {
                bytes.complete(stream.readAllBytes());
            } catch (IOException e) {
                bytes.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return bytes;
    }

    /** Writes {@code bytes} to the process's input and closes it, so the process sees its end. */
    static CompletableFuture<Void> write(String name, OutputStream stream, byte[] bytes) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try (stream) {
                stream.write(bytes);
                written.complete(null);
            } catch (IOException e) {
                written.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return written;
    }
}
