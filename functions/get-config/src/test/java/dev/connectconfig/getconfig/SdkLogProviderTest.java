package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The AWS SDK's own warnings reach GetConfig's JSON log, as they reach the Log4j log of the other functions. */
class SdkLogProviderTest {

    @Test
    void sdkWarningsAreJsonLinesAndItsInfoIsDropped() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");
            sdk.info("sending {}", "GetItem");
            sdk.warn("retrying {} after {}", "GetItem", "ThrottlingException");
        } finally {
            System.setOut(original);
        }

        String[] lines = written.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, written.toString(StandardCharsets.UTF_8));
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals("WARN", line.get("level").asText());
        assertEquals("retrying GetItem after ThrottlingException", line.get("message").asText());
        assertEquals("software.amazon.awssdk.request", line.get("logger").asText());
    }
}
