package dev.connectconfig.engines;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Files of this repository (template.yaml, events/, sample configs), found from any module's working directory. */
public final class RepoFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RepoFiles() {
    }

    /** The repository root: the nearest folder upwards that holds template.yaml. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** An event file, such as {@code events/get-config/voice-en-us.json}, as the generic map Lambda passes in. */
    public static Map<String, Object> eventMap(String relative) {
        try {
            return JSON.readValue(path(relative).toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event file as one of aws-lambda-java-events' types, read the way the Lambda runtime reads it. */
    public static <T> T event(String relative, Class<T> type) {
        try {
            return JSON.copy()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(path(relative).toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
