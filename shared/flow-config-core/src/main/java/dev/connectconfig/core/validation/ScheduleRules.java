package dev.connectconfig.core.validation;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.render.Ssml;
import dev.connectconfig.core.schedule.ScheduleCalendar;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for a config's {@code timeZone} and {@code schedules}: real IANA zones, windows that end after they start,
 * and changes only to names the config has, with values its schema accepts. A schedule adds no key to the result.
 */
final class ScheduleRules {

    private ScheduleRules() {
    }

    static void check(FlowConfig config, List<Violation> violations) {
        if (config.timeZone() != null && ScheduleCalendar.zone(config.timeZone()).isEmpty()) {
            violations.add(new Violation("timeZone", zoneMessage()));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.schedules().size(); i++) {
            Schedule schedule = config.schedules().get(i);
            String field = "schedules[" + i + "]";
            if (schedule.name() == null) {
                violations.add(new Violation(field + ".name", "is required"));
            } else {
                FlowConfigValidator.checkName(field + ".name", schedule.name(), violations);
                if (!names.add(schedule.name())) {
                    violations.add(new Violation(field + ".name", "another schedule has the name '"
                            + schedule.name() + "'"));
                }
            }
            if (schedule.description() != null) {
                if (schedule.description().length() > FlowConfigValidator.MAX_DESCRIPTION) {
                    violations.add(new Violation(field + ".description", "must be at most "
                            + FlowConfigValidator.MAX_DESCRIPTION + " characters"));
                }
                FlowConfigValidator.checkText(field + ".description", schedule.description(), violations);
            }
            if (schedule.timeZone() != null && ScheduleCalendar.zone(schedule.timeZone()).isEmpty()) {
                violations.add(new Violation(field + ".timeZone", zoneMessage()));
            }
            checkWhen(schedule.when(), field + ".when", violations);
            checkSet(config, schedule, field + ".set", violations);
        }
    }

    private static void checkWhen(ScheduleWhen when, String field, List<Violation> violations) {
        if (when instanceof ScheduleWhen.Window window && window.from() != null && window.to() != null
                && !window.to().isAfter(window.from())) {
            violations.add(new Violation(field + ".to", "must be after from (" + window.from() + ")"));
        }
        if (when instanceof ScheduleWhen.OnCalendar on && on.calendarId() != null) {
            if (on.calendar() == null) {
                violations.add(new Violation(field + ".calendar", "no calendar has the id '" + on.calendarId()
                        + "'"));
            } else {
                Set<String> names = new HashSet<>();
                on.calendar().entries().forEach(entry -> names.add(entry.name()));
                for (int i = 0; i < on.entries().size(); i++) {
                    if (!names.contains(on.entries().get(i))) {
                        violations.add(new Violation(field + ".entries[" + i + "]", "calendar '" + on.calendarId()
                                + "' has no entry '" + on.entries().get(i) + "'"));
                    }
                }
            }
        }
        if (when instanceof ScheduleWhen.Dates dates) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < dates.dates().size(); i++) {
                ScheduleWhen.ScheduledDate date = dates.dates().get(i);
                if (date.date() != null && !seen.add(date.date())) {
                    violations.add(new Violation(field + ".dates[" + i + "]", "the date " + date.date()
                            + " is listed twice"));
                }
            }
        }
    }

    private static void checkSet(FlowConfig config, Schedule schedule, String field, List<Violation> violations) {
        if (schedule.variables().isEmpty() && schedule.prompts().isEmpty()) {
            violations.add(new Violation(field, "sets nothing; give variables and/or prompts"));
        }
        schedule.variables().forEach((name, value) -> {
            String variableField = field + ".variables." + name;
            if (!config.variables().containsKey(name)) {
                violations.add(new Violation(variableField, "the config has no variable '" + name
                        + "'; a schedule only sets existing names"));
                return;
            }
            FlowConfigValidator.checkText(variableField, value, violations);
            VariableDefinition definition = config.schema().get(name);
            if (definition != null && definition.type() != null && !FlowConfigValidator.fits(value, definition)) {
                violations.add(new Violation(variableField, FlowConfigValidator.describe(definition)));
            }
        });
        schedule.prompts().forEach((name, languages) -> {
            String promptField = field + ".prompts." + name;
            Map<String, PromptText> own = config.prompts().get(name);
            if (own == null) {
                violations.add(new Violation(promptField, "the config has no prompt '" + name
                        + "'; a schedule only sets existing names"));
                return;
            }
            if (languages.isEmpty()) {
                violations.add(new Violation(promptField, "sets no language"));
            }
            languages.forEach((language, text) -> {
                String textField = promptField + "." + language;
                if (!own.containsKey(language)) {
                    violations.add(new Violation(textField, "the prompt has no text in " + language
                            + "; a schedule only sets existing languages"));
                } else if (text.voice() == null && text.chat() == null) {
                    violations.add(new Violation(textField, "give voice and/or chat"));
                }
                if (text.voice() != null) {
                    FlowConfigValidator.checkText(textField + ".voice", text.voice(), violations);
                    if (text.voice().isBlank()) {
                        violations.add(new Violation(textField + ".voice", "must not be blank"));
                    } else if (Ssml.isSsml(text.voice())) {
                        Ssml.problem(text.voice()).ifPresent(problem -> violations.add(new Violation(
                                textField + ".voice", problem)));
                    }
                }
                FlowConfigValidator.checkText(textField + ".chat", text.chat(), violations);
            });
        });
    }

    private static String zoneMessage() {
        return "must be an IANA time zone such as America/New_York or Europe/Paris";
    }
}
