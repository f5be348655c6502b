package dev.connectconfig.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The runtime interface client's native library, unpacked once per runner into a directory of its own and complete
 * before any function JVM loads it. The client would otherwise unpack it to one fixed path in /tmp each time a JVM
 * starts, which is safe only where each JVM has its own /tmp, as on Lambda.
 */
final class RuntimeNativeLibrary {

    private static Path unpacked;

    private RuntimeNativeLibrary() {
    }

    /** The unpacked library for this machine, from the runtime client jar among {@code runtimeJars}. */
    static synchronized Path path(List<Path> runtimeJars) {
        if (unpacked == null) {
            unpacked = unpack(runtimeJars);
        }
        return unpacked;
    }

    /** The library's name inside the client's jar, for this machine's architecture and C library. */
    static String entryName(String osArch, boolean musl) {
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("The Lambda runtime client has no native library for "
                    + osArch + "; Lambda runs x86_64 and arm64.");
        };
        return "jni/libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so";
    }

    private static Path unpack(List<Path> runtimeJars) {
        Path clientJar = runtimeJars.stream()
                .filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The Lambda runtime client jar is not among "
                        + runtimeJars + "; build it with mvn package -DskipTests"));
        String entryName = entryName(System.getProperty("os.arch").toLowerCase(Locale.ROOT), isMusl());
        try (JarFile jar = new JarFile(clientJar.toFile())) {
            ZipEntry entry = jar.getEntry(entryName);
            if (entry == null) {
                throw new IllegalStateException(clientJar + " has no " + entryName);
            }
            Path directory = Files.createTempDirectory("lambda-runtime-jni-");
            directory.toFile().deleteOnExit();
            Path library = directory.resolve("libaws-lambda-jni.so");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
            // registered after its directory, so deleted before it
            library.toFile().deleteOnExit();
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the Lambda runtime client's native library from "
                    + clientJar, e);
        }
    }

    private static boolean isMusl() {
        try (var libs = Files.list(Path.of("/lib"))) {
            return libs.anyMatch(file -> file.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            return false;
        }
    }
}
