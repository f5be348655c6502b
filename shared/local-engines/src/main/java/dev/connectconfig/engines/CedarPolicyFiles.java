package dev.connectconfig.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Cedar schema and policies of the FlowConfig policy store, as kept in {@code shared/api-kit/src/main/cedar/}. template.yaml
 * carries the same text (a test proves it); the function never reads these files, Verified Permissions holds them.
 */
public final class CedarPolicyFiles {

    public static final String FOLDER = "shared/api-kit/src/main/cedar";

    private CedarPolicyFiles() {
    }

    public static String schemaJson() {
        return RepoFiles.text(FOLDER + "/schema.cedarschema.json");
    }

    /** Policy file name (without {@code .cedar}) to its text, in name order. */
    public static Map<String, String> policies() {
        Map<String, String> policies = new TreeMap<>();
        try (Stream<Path> files = Files.list(RepoFiles.path(FOLDER + "/policies"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cedar")).sorted().toList()) {
                String name = file.getFileName().toString();
                policies.put(name.substring(0, name.length() - ".cedar".length()), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return policies;
    }
}
