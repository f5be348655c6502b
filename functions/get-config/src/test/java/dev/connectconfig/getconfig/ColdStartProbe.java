package dev.connectconfig.getconfig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.testing.TestContext;
import java.io.File;
import java.time.Duration;
import java.util.Map;

/**
 * One cold start, run by {@link GetConfigBenchmark} in a fresh JVM: build what a Lambda container builds, answer one
 * event, print a marker line the parent times. Modes: {@code bare} (an empty JVM), {@code service} (GetConfig without
 * Powertools logging and metrics) and {@code handler} (the real entry point).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if ("bare".equals(mode)) {
            System.out.println("ANSWERED bare");
            return;
        }
        Map<String, Object> event = new ObjectMapper().readValue(new File(args[1]), new TypeReference<>() { });
        Map<String, String> result;
        if ("service".equals(mode)) {
            GetConfigService service = GetConfigService.create(null, System.getenv("FLOW_CONFIG_TABLE"),
                    Duration.ofSeconds(45));
            result = service.answer(ConfigRequest.from(event)).result();
        } else {
            result = new GetConfigHandler().handleRequest(event, new TestContext("GetConfig"));
        }
        if (result.containsKey("error")) {
            throw new IllegalStateException("probe got an error: " + result);
        }
        System.out.println("ANSWERED " + mode + " " + result.size());
    }
}
