package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.RequiredTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real AWS SAM translator ({@code aws-sam-translator}, Python), run by {@code .ci/sam-transform.py} as
 * CloudFormation runs the {@code AWS::Serverless-2016-10-31} transform at deploy time. Where Python or the translator
 * is missing (a user's machine) the tests that need it are skipped and say why; on CI ({@code CI} set) a missing
 * translator fails them instead.
 */
final class SamTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String unavailable;
    private static boolean probed;

    private SamTranslator() {
    }

    /** Skips the calling test, saying why, when the translator cannot run here (fails it on CI). */
    static void assumeAvailable() {
        String reason = unavailable();
        RequiredTools.require(reason == null, reason
                + " (install it with `pip install aws-sam-translator` to run the template transform tests)");
    }

    private static synchronized String unavailable() {
        if (!probed) {
            probed = true;
            try {
                Process probe = new ProcessBuilder("python3", "-c", "import samtranslator").redirectErrorStream(true)
                        .start();
                String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                    unavailable = "the AWS SAM translator (Python package aws-sam-translator) is not installed: "
                            + output;
                }
            } catch (IOException e) {
                unavailable = "python3 is not on the PATH (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while looking for python3";
            }
        }
        return unavailable;
    }

    /** template.yaml transformed with {@code parameters} (others at their defaults); fails if the translator refuses. */
    static Map<String, Object> transform(Map<String, String> parameters) {
        return transformAll(RepoFiles.path("template.yaml"), List.of(parameters)).get(0);
    }

    /** The template in {@code file} transformed once per parameter set, in one translator run. */
    static List<Map<String, Object>> transformAll(Path file, List<Map<String, String>> parameterSets) {
        try {
            Process process = new ProcessBuilder("python3", RepoFiles.path(".ci/sam-transform.py").toString(),
                    file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                JSON.writeValue(input, parameterSets);
            }
            List<Map<String, Object>> templates = new ArrayList<>();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    Map<String, Object> result = JSON.readValue(line, new TypeReference<>() { });
                    Map<String, String> parameters = parameterSets.get(templates.size());
                    assertTrue(result.containsKey("template"), () -> "the SAM translator refused template.yaml with "
                            + parameters + ": " + result.get("errors"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> template = (Map<String, Object>) result.get("template");
                    templates.add(template);
                }
            }
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the SAM translator did not finish");
            assertEquals(0, process.exitValue(), "the SAM translator failed");
            assertEquals(parameterSets.size(), templates.size(), "one transformed template per parameter set");
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** template.yaml with {@code from} (which must occur once) replaced by {@code to}, written to {@code directory}. */
    static Path mutated(Path directory, String from, String to) throws IOException {
        String text = Files.readString(RepoFiles.path("template.yaml"));
        assertEquals(1, text.split(Pattern.quote(from), -1).length - 1,
                "the mutation's anchor must occur once in template.yaml: " + from);
        return Files.writeString(directory.resolve("template.yaml"), text.replace(from, to));
    }
}
