package dev.connectconfig.core.schedule;

import dev.connectconfig.core.calendar.CalendarEntry;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.render.ResultJson;
import dev.connectconfig.core.render.Ssml;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow config as it stands at one instant: its own values with those of the active schedules laid over them, the
 * earlier schedule in the list winning per variable and per prompt text.
 *
 * @param activeNames the schedules applied, in list order
 * @param activeEntries the calendar entries that made those schedules active ("Christmas Day"), in order
 */
public record ScheduledConfig(FlowConfig config, List<String> activeNames, List<String> activeEntries) {

    public ScheduledConfig {
        activeNames = List.copyOf(activeNames);
        activeEntries = List.copyOf(activeEntries);
    }

    public ScheduledConfig(FlowConfig config, List<String> activeNames) {
        this(config, activeNames, List.of());
    }

    /** The value of GetConfig's {@code calendarEntries} key. */
    public String calendarEntries() {
        return String.join(",", activeEntries);
    }

    /** The value of GetConfig's {@code activeSchedules} key. */
    public String activeSchedules() {
        return String.join(",", activeNames);
    }

    public static ScheduledConfig at(FlowConfig base, Instant at) {
        List<Schedule> active = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (Schedule schedule : base.schedules()) {
            ZoneId zone = zone(base, schedule);
            if (schedule.when() instanceof ScheduleWhen.OnCalendar) {
                List<String> causes = ScheduleCalendar.causesAt(schedule.when(), zone, at);
                if (!causes.isEmpty()) {
                    active.add(schedule);
                    causes.stream().filter(cause -> !entries.contains(cause)).forEach(entries::add);
                }
            } else if (ScheduleCalendar.isActive(schedule.when(), zone, at)) {
                active.add(schedule);
            }
        }
        if (active.isEmpty()) {
            return new ScheduledConfig(base, List.of());
        }
        Map<String, String> variables = new LinkedHashMap<>(base.variables());
        Map<String, Map<String, PromptText>> prompts = copy(base.prompts());
        // Later schedules first, so an earlier one overwrites what they set.
        for (Schedule schedule : active.reversed()) {
            schedule.variables().forEach((name, value) -> variables.replace(name, value));
            forEachText(schedule, prompts, (languages, language, set) -> {
                PromptText own = languages.get(language);
                languages.put(language, new PromptText(set.voice() != null ? set.voice() : own.voice(),
                        set.chat() != null ? set.chat() : own.chat()));
            });
        }
        return new ScheduledConfig(new FlowConfig(base.id(), base.description(), variables, base.schema(), prompts,
                base.defaultLanguage(), base.version(), base.updatedAt(), base.updatedBy(), base.timeZone(),
                base.schedules()), active.stream().map(Schedule::name).toList(), entries);
    }

    /**
     * A config holding, per variable and prompt text, the longest value any combination of schedules can serve, and
     * every schedule as active: what the 32 KB guard measures, so no instant can produce a larger result.
     */
    public static ScheduledConfig largest(FlowConfig base) {
        if (base.schedules().isEmpty()) {
            return new ScheduledConfig(base, List.of());
        }
        Map<String, String> variables = new LinkedHashMap<>(base.variables());
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        base.prompts().forEach((name, languages) -> {
            Map<String, PromptText> byLanguage = new LinkedHashMap<>();
            languages.forEach((language, own) -> byLanguage.put(language, new PromptText(own.voice(),
                    longer(own.chat(), plain(own.voice())))));
            prompts.put(name, byLanguage);
        });
        for (Schedule schedule : base.schedules()) {
            schedule.variables().forEach((name, value) -> variables.computeIfPresent(name,
                    (key, current) -> longer(current, value)));
            forEachText(schedule, prompts, (languages, language, set) -> {
                PromptText current = languages.get(language);
                // A text channel reads chat, or the plain text of whichever voice text is served.
                String chat = longer(current.chat(), longer(set.chat(), plain(set.voice())));
                languages.put(language, new PromptText(longerVoice(current.voice(), set.voice()), chat));
            });
        }
        return new ScheduledConfig(new FlowConfig(base.id(), base.description(), variables, base.schema(), prompts,
                base.defaultLanguage(), base.version(), base.updatedAt(), base.updatedBy(), base.timeZone(),
                base.schedules()), base.schedules().stream().map(Schedule::name).toList(), allEntries(base));
    }

    /** Every calendar entry the config's schedules can name at once: what {@code calendarEntries} holds at most. */
    private static List<String> allEntries(FlowConfig base) {
        List<String> entries = new ArrayList<>();
        for (Schedule schedule : base.schedules()) {
            if (schedule.when() instanceof ScheduleWhen.OnCalendar on && on.calendar() != null) {
                on.calendar().entries().stream().map(CalendarEntry::name)
                        .filter(name -> on.entries().isEmpty() || on.entries().contains(name))
                        .filter(name -> !entries.contains(name)).forEach(entries::add);
            }
        }
        return entries;
    }

    /** The zone {@code schedule} is read in: its own, else the config's, else UTC. */
    public static ZoneId zone(FlowConfig config, Schedule schedule) {
        String name = schedule.timeZone() != null ? schedule.timeZone() : config.effectiveTimeZone();
        return ScheduleCalendar.zone(name).orElse(java.time.ZoneOffset.UTC);
    }

    private interface TextVisitor {
        void visit(Map<String, PromptText> ownLanguages, String language, PromptText set);
    }

    /** Visits each prompt text {@code schedule} sets on a prompt and language the config has. */
    private static void forEachText(Schedule schedule, Map<String, Map<String, PromptText>> prompts,
            TextVisitor visitor) {
        schedule.prompts().forEach((name, languages) -> {
            Map<String, PromptText> own = prompts.get(name);
            if (own != null) {
                languages.forEach((language, set) -> {
                    if (own.containsKey(language) && set != null) {
                        visitor.visit(own, language, set);
                    }
                });
            }
        });
    }

    private static Map<String, Map<String, PromptText>> copy(Map<String, Map<String, PromptText>> prompts) {
        Map<String, Map<String, PromptText>> copy = new LinkedHashMap<>();
        prompts.forEach((name, languages) -> copy.put(name, new LinkedHashMap<>(languages)));
        return copy;
    }

    private static String plain(String voice) {
        return voice == null ? null : Ssml.toPlainText(voice);
    }

    /** The voice text served longer once made a {@code <speak>} document, as GetConfig serves it. */
    private static String longerVoice(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return ResultJson.jsonStringBytes(Ssml.speakable(b)) > ResultJson.jsonStringBytes(Ssml.speakable(a)) ? b : a;
    }

    private static String longer(String a, String b) {
        if (a == null) {
            return b;
        }
        return b != null && ResultJson.jsonStringBytes(b) > ResultJson.jsonStringBytes(a) ? b : a;
    }
}
