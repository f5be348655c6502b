package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void primingReadsTheStoreOnceThroughTheRealCallPath() {
        List<String> reads = new ArrayList<>();
        GetConfigService service = new GetConfigService(id -> {
            reads.add(id);
            return Optional.empty();
        }, Duration.ofSeconds(45));

        Priming.prime(service);

        assertEquals(List.of(Priming.PRIMING_ID), reads);
    }

    @Test
    void aFailingStoreNeverFailsTheSnapshot() {
        GetConfigService service = new GetConfigService(id -> {
            throw new StoreUnavailableException("no network during the snapshot", null);
        }, Duration.ofSeconds(45));

        assertDoesNotThrow(() -> Priming.prime(service));
    }

    @Test
    void primingWritesNoLogLinesOrMetrics() {
        GetConfigService service = new GetConfigService(id -> Optional.empty(), Duration.ofSeconds(45));
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(written, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Priming.prime(service);
        } finally {
            System.setOut(original);
        }

        assertEquals("", written.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void thePrimedConfigRunsTheScheduleEvaluationAtAnyInstantInItsZones() {
        assertEquals(List.of(), dev.connectconfig.core.validation.FlowConfigValidator.validate(Priming.sample()),
                "a config the API would store, apart from its reserved id");
        for (String at : List.of("2026-03-08T07:30:00Z", "2026-12-24T18:00:00Z", "2027-07-01T12:00:00Z")) {
            dev.connectconfig.core.render.RenderedConfig rendered = dev.connectconfig.core.render.FlowConfigRenderer
                    .render(Priming.sample(), "en-US", dev.connectconfig.core.render.Channel.CHAT,
                            java.time.Instant.parse(at));

            assertEquals("Hi there", rendered.values().get("Welcome"), at);
            assertEquals(true, rendered.values().get("activeSchedules").contains("always"), at);
        }
    }
}
