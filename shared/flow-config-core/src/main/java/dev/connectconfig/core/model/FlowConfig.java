package dev.connectconfig.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What business users edit and contact flows read: typed variables and prompts by name, language and channel.
 *
 * <p>Maps keep their insertion order so a config reads back the way it was written. {@code version} is 0 for a
 * config that was never stored. {@code schedules} is ordered: when several are active, the earlier wins per key.
 */
public record FlowConfig(
        String id,
        String description,
        Map<String, String> variables,
        Map<String, VariableDefinition> schema,
        Map<String, Map<String, PromptText>> prompts,
        String defaultLanguage,
        long version,
        String updatedAt,
        String updatedBy,
        String timeZone,
        List<Schedule> schedules) {

    public static final String DEFAULT_LANGUAGE = "en-US";

    /** A config without a time zone or schedules. */
    public FlowConfig(String id, String description, Map<String, String> variables,
            Map<String, VariableDefinition> schema, Map<String, Map<String, PromptText>> prompts,
            String defaultLanguage, long version, String updatedAt, String updatedBy) {
        this(id, description, variables, schema, prompts, defaultLanguage, version, updatedAt, updatedBy, null,
                List.of());
    }

    public FlowConfig {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        variables = frozen(variables);
        schema = frozen(schema);
        Map<String, Map<String, PromptText>> copy = new LinkedHashMap<>();
        if (prompts != null) {
            prompts.forEach((name, languages) -> copy.put(name, frozen(languages)));
        }
        prompts = Collections.unmodifiableMap(copy);
    }

    /** The language used when neither the caller nor the prompt offers a better one. */
    public String effectiveDefaultLanguage() {
        return defaultLanguage == null || defaultLanguage.isBlank() ? DEFAULT_LANGUAGE : defaultLanguage;
    }

    public FlowConfig withBookkeeping(long newVersion, String newUpdatedAt, String newUpdatedBy) {
        return new FlowConfig(id, description, variables, schema, prompts, defaultLanguage, newVersion, newUpdatedAt,
                newUpdatedBy, timeZone, schedules);
    }

    public FlowConfig withSchedules(List<Schedule> newSchedules) {
        return new FlowConfig(id, description, variables, schema, prompts, defaultLanguage, version, updatedAt,
                updatedBy, timeZone, newSchedules);
    }

    /** The ids of the calendars its schedules name, each once, in schedule order. */
    public List<String> calendarIds() {
        return schedules.stream().map(Schedule::when).filter(ScheduleWhen.OnCalendar.class::isInstance)
                .map(when -> ((ScheduleWhen.OnCalendar) when).calendarId()).filter(java.util.Objects::nonNull)
                .distinct().toList();
    }

    public boolean usesCalendars() {
        return schedules.stream().anyMatch(schedule -> schedule.when() instanceof ScheduleWhen.OnCalendar);
    }

    /**
     * This config with each schedule on a calendar holding the calendar from {@code calendars} (by id); one absent
     * there stays unresolved, and is never active.
     */
    public FlowConfig withCalendars(java.util.Map<String, dev.connectconfig.core.calendar.HolidayCalendar> calendars) {
        if (!usesCalendars()) {
            return this;
        }
        return withSchedules(schedules.stream().map(schedule -> schedule.when() instanceof ScheduleWhen.OnCalendar on
                ? new Schedule(schedule.name(), schedule.description(), schedule.timeZone(),
                        new ScheduleWhen.OnCalendar(on.calendarId(), on.entries(), calendars.get(on.calendarId())),
                        schedule.variables(), schedule.prompts())
                : schedule).toList());
    }

    /** The zone a schedule without its own {@code timeZone} is read in. */
    public String effectiveTimeZone() {
        return timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
