package dev.connectconfig.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scheduled change: while {@code when} holds (in {@code timeZone}, or the config's, else UTC), GetConfig serves
 * these variable values and prompt texts instead of the config's own. It sets only names the config already has, so
 * the keys a flow reads never depend on the time. In a prompt text, a null {@code voice} or {@code chat} keeps the
 * config's own.
 */
public record Schedule(
        String name,
        String description,
        String timeZone,
        ScheduleWhen when,
        Map<String, String> variables,
        Map<String, Map<String, PromptText>> prompts) {

    /** Schedules one config may hold. */
    public static final int MAX_SCHEDULES = 50;
    /** Ten years of holidays; every call looks through a schedule's dates. */
    public static final int MAX_DATES = 1_000;

    public Schedule {
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Map<String, Map<String, PromptText>> copy = new LinkedHashMap<>();
        if (prompts != null) {
            prompts.forEach((prompt, languages) -> copy.put(prompt, languages == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(languages))));
        }
        prompts = Collections.unmodifiableMap(copy);
    }
}
