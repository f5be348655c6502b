package dev.connectconfig.core.render;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.schedule.ScheduledConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a flow config into exactly what one caller's flow receives. GetConfig and the FlowConfig API's preview both
 * use this, so a preview can never disagree with a live call.
 */
public final class FlowConfigRenderer {

    private FlowConfigRenderer() {
    }

    /**
     * What a caller gets at {@code at}: the schedules active then laid over the config, and named in
     * {@code activeSchedules}.
     *
     * @param requestedLanguage the caller's language, or null for the config's default
     */
    public static RenderedConfig render(FlowConfig config, String requestedLanguage, Channel channel, Instant at) {
        return render(ScheduledConfig.at(config, at), requestedLanguage, channel);
    }

    /** The config's own values, as served while none of its schedules is active. */
    public static RenderedConfig render(FlowConfig config, String requestedLanguage, Channel channel) {
        return render(new ScheduledConfig(config, List.of()), requestedLanguage, channel);
    }

    public static RenderedConfig render(ScheduledConfig scheduled, String requestedLanguage, Channel channel) {
        FlowConfig config = scheduled.config();
        String defaultLanguage = config.effectiveDefaultLanguage();
        String language = requestedLanguage == null || requestedLanguage.isBlank()
                ? defaultLanguage : requestedLanguage.trim();

        Map<String, String> values = new LinkedHashMap<>(config.variables());
        List<String> missing = new ArrayList<>();
        List<Map.Entry<String, Integer>> sizes = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        Map<String, Integer> servedCounts = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, PromptText>> prompt : config.prompts().entrySet()) {
            Map<String, PromptText> languages = prompt.getValue();
            Optional<String> chosen = LanguageResolver.choose(languages.keySet(), language, defaultLanguage);
            if (chosen.isEmpty()) {
                missing.add(prompt.getKey());
                continue;
            }
            String text = textFor(languages.get(chosen.get()), channel);
            values.put(prompt.getKey(), text);
            servedCounts.merge(chosen.get(), 1, Integer::sum);
            if (!sameTag(chosen.get(), language)) {
                fallbacks.add(prompt.getKey());
            }
            sizes.add(Map.entry(prompt.getKey(), ResultJson.jsonStringBytes(text)));
        }
        values.put(ResultKeys.LANGUAGE, language);
        values.put(ResultKeys.SERVED_LANGUAGE, servedLanguage(servedCounts, language, defaultLanguage));
        values.put(ResultKeys.FALLBACK_PROMPTS, String.join(",", fallbacks));
        values.put(ResultKeys.CONFIG_VERSION, Long.toString(config.version()));
        values.put(ResultKeys.ACTIVE_SCHEDULES, scheduled.activeSchedules());
        if (config.usesCalendars()) {
            values.put(ResultKeys.CALENDAR_ENTRIES, scheduled.calendarEntries());
        }
        if (!missing.isEmpty()) {
            values.put(ResultKeys.MISSING_PROMPTS, String.join(",", missing));
        }
        sizes.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        List<Map.Entry<String, Integer>> largest = List.copyOf(sizes.subList(0, Math.min(5, sizes.size())));
        return new RenderedConfig(values, language, List.copyOf(missing), ResultJson.jsonBytes(values), largest);
    }

    /**
     * The language most prompts were served in, so a flow can set a voice that speaks them. A tie goes to the language
     * asked, then the config's default, then the first in tag order; with no prompt served, the language asked.
     */
    static String servedLanguage(Map<String, Integer> servedCounts, String asked, String defaultLanguage) {
        int most = servedCounts.values().stream().max(Integer::compare).orElse(0);
        List<String> tied = servedCounts.entrySet().stream().filter(entry -> entry.getValue() == most)
                .map(Map.Entry::getKey).sorted().toList();
        if (tied.isEmpty()) {
            return asked;
        }
        return tied.stream().filter(tag -> sameTag(tag, asked)).findFirst()
                .or(() -> tied.stream().filter(tag -> sameTag(tag, defaultLanguage)).findFirst())
                .orElse(tied.get(0));
    }

    private static boolean sameTag(String a, String b) {
        return a != null && b != null && a.trim().replace('_', '-').equalsIgnoreCase(b.trim().replace('_', '-'));
    }

    /**
     * Voice hears the voice text as a {@code <speak>} document ({@link Ssml#speakable}), so every voice prompt is
     * played as SSML; every other channel reads {@code chat} or the voice text as plain text.
     */
    public static String textFor(PromptText prompt, Channel channel) {
        if (channel.isSpoken()) {
            return Ssml.speakable(prompt.voice());
        }
        if (prompt.chat() != null && !prompt.chat().isBlank()) {
            return prompt.chat();
        }
        return Ssml.toPlainText(prompt.voice());
    }
}
