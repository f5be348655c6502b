package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigWriterTest {

    private static FlowConfig config(String id, String description, Map<String, String> variables) {
        return new FlowConfig(id, description, variables, Map.of(),
                Map.of("Welcome", Map.of("en-US", new PromptText("Welcome.", null))), "en-US", 0, null, null);
    }

    /** Just over the size rule: values added until the stored item would pass it. */
    private static FlowConfig tooLarge() {
        Map<String, String> variables = new LinkedHashMap<>();
        FlowConfig config = config("big", "Big", variables);
        while (FlowConfigValidator.storedBytes(config) <= FlowConfigValidator.MAX_ITEM_BYTES) {
            variables.put("v" + variables.size(), "x".repeat(1_000));
            config = config("big", "Big", variables);
        }
        return config;
    }

    @Test
    void aConfigTooLargeToStoreIsA413NamingTheWholeConfig() {
        ApiException refused = assertThrows(ApiException.class, () -> ConfigWriter.validate(tooLarge()));

        assertEquals(413, refused.status());
        assertEquals("TOO_LARGE", refused.code());
        assertEquals(1, refused.details().size(), refused.details().toString());
        assertEquals("", refused.details().get(0).field());
        assertTrue(refused.details().get(0).message().contains(FlowConfigValidator.MAX_ITEM_BYTES / 1024 + " KB"),
                refused.details().get(0).message());
        assertTrue(refused.getMessage().contains("'big'"), refused.getMessage());
    }

    @Test
    void aConfigTooLargeIsJudgedByTheSizeRuleAloneAndNamedWhereItSitsInADocument() {
        FlowConfig big = tooLarge();
        Violation rule = FlowConfigValidator.sizeProblem(big).orElseThrow();

        assertEquals(List.of(rule), ConfigWriter.problems(big));
        assertEquals(List.of(new Violation("flowConfigs[2]", rule.message())),
                ConfigWriter.prefixed(ConfigWriter.problems(big), "flowConfigs[2]."));
    }

    @Test
    void aConfigThatFitsIsJudgedByEveryOtherRuleAsA400NamingTheField() {
        FlowConfig fits = config("small", "Small", Map.of("Open", "true"));
        assertTrue(FlowConfigValidator.sizeProblem(fits).isEmpty());
        assertDoesNotThrow(() -> ConfigWriter.validate(fits));

        FlowConfig undescribed = config("small", " ", Map.of("Open", "true"));
        ApiException refused = assertThrows(ApiException.class, () -> ConfigWriter.validate(undescribed));
        assertEquals(400, refused.status());
        assertEquals("VALIDATION_FAILED", refused.code());
        assertEquals(List.of("description"), refused.details().stream().map(FieldError::field).toList());
        assertEquals(refused.details(), FieldErrors.of(ConfigWriter.problems(undescribed)));
    }

    @Test
    void theIdInThePathWinsAndAnotherIdInTheBodyIsRefusedAtItsField() {
        ConfigWriter writer = new ConfigWriter(null, null, Clock.systemUTC());
        ObjectNode withoutId = FlowConfigJson.toJson(config("other", "Small", Map.of()));
        withoutId.remove("id");
        FlowConfig parsed = writer.parse(withoutId, "path-id", "");
        assertEquals("path-id", parsed.id());

        ApiException refused = assertThrows(ApiException.class, () -> writer.parse(
                FlowConfigJson.toJson(config("other", "Small", Map.of())), "path-id", "config."));
        assertEquals(400, refused.status());
        assertEquals(List.of("config.id"), refused.details().stream().map(FieldError::field).toList());
    }

    @Test
    void theTimeComesFromTheOneClock() {
        Instant at = Instant.parse("2026-12-24T17:00:00Z");
        ConfigWriter writer = new ConfigWriter(null, null, Clock.fixed(at, ZoneOffset.UTC));
        assertEquals(at, writer.instant());
        assertEquals("2026-12-24T17:00:00Z", writer.now());
    }
}
