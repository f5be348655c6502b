package dev.connectconfig.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.validation.Violation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON form of a config's {@code schedules}, read as strictly as the rest of a config: every problem is a
 * {@link Violation} naming its field ({@code schedules[2].when.to}).
 */
public final class ScheduleJson {

    private static final Set<String> FIELDS = Set.of("name", "description", "timeZone", "when", "set");
    private static final Set<String> SET_FIELDS = Set.of("variables", "prompts");
    private static final Set<String> PROMPT_FIELDS = Set.of("voice", "chat");
    private static final Set<String> WINDOW = Set.of("from", "to");
    private static final Set<String> WEEKLY = Set.of("days", "start", "end", "season");
    private static final Set<String> SEASON = Set.of("from", "to", "years");
    private static final Set<String> ON_CALENDAR = Set.of("calendar", "entries");
    private static final Set<String> DATES = Set.of("dates");
    private static final Set<String> DATE_FIELDS = Set.of("date", "start", "end");

    private ScheduleJson() {
    }

    public static ArrayNode toJson(List<Schedule> schedules) {
        ArrayNode array = FlowConfigJson.MAPPER.createArrayNode();
        schedules.forEach(schedule -> array.add(toJson(schedule)));
        return array;
    }

    public static ObjectNode toJson(Schedule schedule) {
        ObjectNode node = FlowConfigJson.MAPPER.createObjectNode();
        node.put("name", schedule.name());
        if (schedule.description() != null) {
            node.put("description", schedule.description());
        }
        if (schedule.timeZone() != null) {
            node.put("timeZone", schedule.timeZone());
        }
        ObjectNode when = node.putObject("when");
        switch (schedule.when()) {
            case ScheduleWhen.Window window -> {
                when.put("from", window.from().toString());
                if (window.to() != null) {
                    when.put("to", window.to().toString());
                }
            }
            case ScheduleWhen.Weekly weekly -> {
                ArrayNode days = when.putArray("days");
                weekly.days().forEach(day -> days.add(day.name().substring(0, 3)));
                when.put("start", weekly.start().toString()).put("end", weekly.end().toString());
                if (weekly.season() != null) {
                    ObjectNode season = when.putObject("season");
                    if (weekly.season().from() != null) {
                        season.put("from", monthDay(weekly.season().from()))
                                .put("to", monthDay(weekly.season().to()));
                    }
                    if (!weekly.season().years().isEmpty()) {
                        ArrayNode years = season.putArray("years");
                        weekly.season().years().stream().sorted().forEach(years::add);
                    }
                }
            }
            case ScheduleWhen.OnCalendar onCalendar -> {
                when.put("calendar", onCalendar.calendarId());
                if (!onCalendar.entries().isEmpty()) {
                    ArrayNode entries = when.putArray("entries");
                    onCalendar.entries().forEach(entries::add);
                }
            }
            case ScheduleWhen.Dates dates -> {
                ArrayNode list = when.putArray("dates");
                dates.dates().forEach(date -> {
                    if (date.start() == null) {
                        list.add(date.date().toString());
                    } else {
                        list.addObject().put("date", date.date().toString()).put("start", date.start().toString())
                                .put("end", date.end().toString());
                    }
                });
            }
        }
        ObjectNode set = node.putObject("set");
        if (!schedule.variables().isEmpty()) {
            ObjectNode variables = set.putObject("variables");
            schedule.variables().forEach(variables::put);
        }
        ObjectNode prompts = schedule.prompts().isEmpty() ? null : set.putObject("prompts");
        schedule.prompts().forEach((name, languages) -> {
            ObjectNode byLanguage = prompts.putObject(name);
            languages.forEach((language, text) -> {
                ObjectNode entry = byLanguage.putObject(language);
                if (text.voice() != null) {
                    entry.put("voice", text.voice());
                }
                if (text.chat() != null) {
                    entry.put("chat", text.chat());
                }
            });
        });
        return node;
    }

    /** Reads {@code schedules}; the result is only meaningful when no violation was added. */
    public static List<Schedule> fromJson(JsonNode node, String field, List<Violation> violations) {
        List<Schedule> schedules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return schedules;
        }
        if (!node.isArray()) {
            violations.add(new Violation(field, "must be a list of schedules"));
            return schedules;
        }
        if (node.size() > Schedule.MAX_SCHEDULES) {
            violations.add(new Violation(field, "at most " + Schedule.MAX_SCHEDULES
                    + " schedules per config"));
            return schedules;
        }
        for (int i = 0; i < node.size(); i++) {
            Schedule schedule = schedule(node.get(i), field + "[" + i + "]", violations);
            if (schedule != null) {
                schedules.add(schedule);
            }
        }
        return schedules;
    }

    public static Schedule schedule(JsonNode node, String field, List<Violation> violations) {
        if (!node.isObject()) {
            violations.add(new Violation(field, "must be an object with name, when and set"));
            return null;
        }
        String prefix = field + ".";
        JsonFields.unknown(node, FIELDS, prefix, violations);
        String name = JsonFields.text(node, "name", prefix, violations);
        ScheduleWhen when = when(node.get("when"), prefix + "when", violations);
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        readSet(node.get("set"), prefix + "set", variables, prompts, violations);
        return new Schedule(name, JsonFields.text(node, "description", prefix, violations),
                JsonFields.text(node, "timeZone", prefix, violations), when, variables, prompts);
    }

    /** Reads what a schedule sets: {@code {"variables": {...}, "prompts": {name: {language: {voice, chat}}}}}. */
    public static void readSet(JsonNode set, String field, Map<String, String> variables,
            Map<String, Map<String, PromptText>> prompts, List<Violation> violations) {
        if (set == null || !set.isObject()) {
            violations.add(new Violation(field, "must be an object with variables and/or prompts"));
            return;
        }
        JsonFields.unknown(set, SET_FIELDS, field + ".", violations);
        objectFields(set.get("variables"), field + ".variables", violations, (name, value) -> {
            if (value.isTextual()) {
                variables.put(name, value.textValue());
            } else {
                violations.add(new Violation(field + ".variables." + name, "must be a string"));
            }
        });
        objectFields(set.get("prompts"), field + ".prompts", violations, (name, languages) -> {
            String promptField = field + ".prompts." + name;
            Map<String, PromptText> byLanguage = new LinkedHashMap<>();
            objectFields(languages, promptField, violations, (language, text) -> {
                String textField = promptField + "." + language;
                if (!text.isObject()) {
                    violations.add(new Violation(textField, "must be an object with voice and/or chat"));
                    return;
                }
                JsonFields.unknown(text, PROMPT_FIELDS, textField + ".", violations);
                byLanguage.put(language, new PromptText(JsonFields.text(text, "voice", textField + ".", violations),
                        JsonFields.text(text, "chat", textField + ".", violations)));
            });
            prompts.put(name, byLanguage);
        });
    }

    private static ScheduleWhen when(JsonNode node, String field, List<Violation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new Violation(field, "must be an object: {from, to}, {days, start, end}, {dates} or {calendar}"));
            return null;
        }
        String prefix = field + ".";
        if (node.has("calendar")) {
            JsonFields.unknown(node, ON_CALENDAR, prefix, violations);
            String calendar = JsonFields.text(node, "calendar", prefix, violations);
            if (calendar == null || !dev.connectconfig.core.validation.FlowConfigValidator.isValidId(calendar)) {
                violations.add(new Violation(prefix + "calendar", "must be the id of a calendar (1-128 letters, "
                        + "digits and + _ - . :)"));
                calendar = null;
            }
            List<String> entries = new ArrayList<>();
            JsonNode list = node.get("entries");
            if (list != null && !list.isNull()) {
                if (!list.isArray() || list.isEmpty() || list.size() > 200) {
                    violations.add(new Violation(prefix + "entries", "must be a list of 1 to 200 entry names, or left "
                            + "out for all of them"));
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i).isTextual()) {
                            entries.add(list.get(i).textValue());
                        } else {
                            violations.add(new Violation(prefix + "entries[" + i + "]", "must be an entry name"));
                        }
                    }
                }
            }
            return new ScheduleWhen.OnCalendar(calendar, entries, null);
        }
        if (node.has("dates")) {
            JsonFields.unknown(node, DATES, prefix, violations);
            return dates(node.get("dates"), prefix + "dates", violations);
        }
        if (node.has("days")) {
            JsonFields.unknown(node, WEEKLY, prefix, violations);
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            JsonNode list = node.get("days");
            if (!list.isArray() || list.isEmpty()) {
                violations.add(new Violation(prefix + "days", "must be a list of days such as [\"MON\", \"FRI\"]"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    DayOfWeek day = day(list.get(i));
                    if (day == null) {
                        violations.add(new Violation(prefix + "days[" + i + "]", "must be one of MON, TUE, WED, "
                                + "THU, FRI, SAT, SUN"));
                    } else {
                        days.add(day);
                    }
                }
            }
            return new ScheduleWhen.Weekly(days, required(node, "start", prefix, LocalTime::parse, "a local time "
                    + "such as 18:00", violations), required(node, "end", prefix, LocalTime::parse, "a local time "
                    + "such as 08:00", violations), season(node.get("season"), prefix + "season", violations));
        }
        JsonFields.unknown(node, WINDOW, prefix, violations);
        LocalDateTime from = required(node, "from", prefix, LocalDateTime::parse,
                "a local date-time such as 2026-12-24T17:00", violations);
        LocalDateTime to = node.get("to") == null || node.get("to").isNull() ? null
                : required(node, "to", prefix, LocalDateTime::parse, "a local date-time such as 2026-12-26T08:00",
                        violations);
        return new ScheduleWhen.Window(from, to);
    }

    /** {@code {"from": "06-01", "to": "08-31", "years": [2026]}}: from and to together, years optional. */
    private static ScheduleWhen.Season season(JsonNode node, String field, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            violations.add(new Violation(field, "must be {from, to} month-days such as 06-01 and 08-31, and/or "
                    + "years"));
            return null;
        }
        String prefix = field + ".";
        JsonFields.unknown(node, SEASON, prefix, violations);
        MonthDay from = null;
        MonthDay to = null;
        if (node.has("from") || node.has("to") || !node.has("years")) {
            from = required(node, "from", prefix, text -> MonthDay.parse("--" + text), "a month-day such as 06-01",
                    violations);
            to = required(node, "to", prefix, text -> MonthDay.parse("--" + text), "a month-day such as 08-31",
                    violations);
        }
        Set<Integer> years = new java.util.TreeSet<>();
        JsonNode list = node.get("years");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.isEmpty() || list.size() > 100) {
                violations.add(new Violation(prefix + "years", "must be a list of 1 to 100 years such as [2026]"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode year = list.get(i);
                    if (!year.isIntegralNumber() || year.intValue() < 2000 || year.intValue() > 2200) {
                        violations.add(new Violation(prefix + "years[" + i + "]", "must be a year from 2000 to 2200"));
                    } else {
                        years.add(year.intValue());
                    }
                }
            }
        }
        return new ScheduleWhen.Season(from, to, years);
    }

    private static String monthDay(MonthDay monthDay) {
        return monthDay.toString().substring(2);
    }

    private static ScheduleWhen.Dates dates(JsonNode list, String field, List<Violation> violations) {
        if (!list.isArray() || list.isEmpty()) {
            violations.add(new Violation(field, "must be a list of dates such as [\"2026-12-25\"]"));
            return null;
        }
        if (list.size() > Schedule.MAX_DATES) {
            violations.add(new Violation(field, "at most " + Schedule.MAX_DATES + " dates per schedule"));
            return null;
        }
        List<ScheduleWhen.ScheduledDate> dates = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String entryField = field + "[" + i + "]";
            if (entry.isTextual()) {
                LocalDate date = parse(entry.textValue(), LocalDate::parse);
                if (date == null) {
                    violations.add(new Violation(entryField, "must be a date such as 2026-12-25"));
                }
                dates.add(new ScheduleWhen.ScheduledDate(date, null, null));
            } else if (entry.isObject()) {
                String prefix = entryField + ".";
                JsonFields.unknown(entry, DATE_FIELDS, prefix, violations);
                LocalDate date = required(entry, "date", prefix, LocalDate::parse, "a date such as 2026-12-24",
                        violations);
                boolean ranged = entry.has("start") || entry.has("end");
                dates.add(new ScheduleWhen.ScheduledDate(date,
                        ranged ? required(entry, "start", prefix, LocalTime::parse, "a local time such as 17:00",
                                violations) : null,
                        ranged ? required(entry, "end", prefix, LocalTime::parse, "a local time such as 23:00",
                                violations) : null));
            } else {
                violations.add(new Violation(entryField, "must be a date or {date, start, end}"));
            }
        }
        return new ScheduleWhen.Dates(dates);
    }

    private static DayOfWeek day(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String text = node.textValue().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(text) || day.name().substring(0, 3).equals(text)) {
                return day;
            }
        }
        return null;
    }

    private static <T> T required(JsonNode node, String name, String prefix, Function<String, T> parser,
            String expected, List<Violation> violations) {
        String text = JsonFields.text(node, name, prefix, violations);
        T value = text == null ? null : parse(text, parser);
        if (value == null) {
            violations.add(new Violation(prefix + name, "must be " + expected));
        }
        return value;
    }

    private static <T> T parse(String text, Function<String, T> parser) {
        try {
            return text.length() > 40 ? null : parser.apply(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private interface FieldVisitor {
        void visit(String name, JsonNode value);
    }

    private static void objectFields(JsonNode node, String field, List<Violation> violations, FieldVisitor visitor) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation(field, "must be an object"));
            return;
        }
        node.properties().forEach(entry -> visitor.visit(entry.getKey(), entry.getValue()));
    }
}
