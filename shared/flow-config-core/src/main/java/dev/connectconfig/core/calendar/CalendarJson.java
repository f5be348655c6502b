package dev.connectconfig.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.JsonFields;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A calendar's JSON, read strictly (every problem a {@link Violation} naming its field, {@code entries[3].nth}):
 * <pre>
 * {"id": "us-federal", "description": "...", "entries": [
 *   {"name": "Christmas Day", "kind": "yearly", "month": 12, "day": 25, "observed": "nearestWeekday"},
 *   {"name": "Thanksgiving", "kind": "nthWeekday", "month": 11, "weekday": "THU", "nth": 4},
 *   {"name": "Memorial Day", "kind": "nthWeekday", "month": 5, "weekday": "MON", "nth": -1},
 *   {"name": "Good Friday", "kind": "easter", "offset": -2},
 *   {"name": "Company offsite", "kind": "fixed", "date": "2026-07-03", "start": "12:00", "end": "17:00"}]}
 * </pre>
 * Every entry is one object with a {@code kind}, so an editor shows one form per kind.
 */
public final class CalendarJson {

    /** A name a person reads ("Christmas Day", "Queen's Birthday"); GetConfig joins active ones with commas. */
    public static final Pattern ENTRY_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} '’.()&/-]{0,63}");
    /** Septuagesima (-63) to Corpus Christi (+60) and a little more: the day stays inside its year. */
    public static final int MIN_EASTER_OFFSET = -63;
    public static final int MAX_EASTER_OFFSET = 70;

    private static final Set<String> FIELDS = Set.of("id", "description", "entries", "version", "updatedAt",
            "updatedBy", "usedBy", "usedByOthers");
    private static final Set<String> COMMON = Set.of("name", "kind", "start", "end", "observed");

    private CalendarJson() {
    }

    public static ObjectNode toJson(HolidayCalendar calendar) {
        ObjectNode node = FlowConfigJson.MAPPER.createObjectNode();
        node.put("id", calendar.id());
        if (calendar.description() != null) {
            node.put("description", calendar.description());
        }
        ArrayNode entries = node.putArray("entries");
        calendar.entries().forEach(entry -> entries.add(toJson(entry)));
        if (calendar.version() > 0) {
            node.put("version", calendar.version()).put("updatedAt", calendar.updatedAt())
                    .put("updatedBy", calendar.updatedBy());
        }
        return node;
    }

    public static ObjectNode toJson(CalendarEntry entry) {
        ObjectNode node = FlowConfigJson.MAPPER.createObjectNode().put("name", entry.name());
        switch (entry.rule()) {
            case HolidayRule.Fixed fixed -> node.put("kind", "fixed").put("date", fixed.date().toString());
            case HolidayRule.Yearly yearly -> node.put("kind", "yearly").put("month",
                    yearly.monthDay().getMonthValue()).put("day", yearly.monthDay().getDayOfMonth());
            case HolidayRule.NthWeekday nth -> node.put("kind", "nthWeekday").put("month", nth.month().getValue())
                    .put("weekday", nth.weekday().name().substring(0, 3)).put("nth", nth.nth());
            case HolidayRule.EasterRelative easter -> {
                node.put("kind", "easter").put("offset", easter.offset());
                if (easter.orthodox()) {
                    node.put("computus", "orthodox");
                }
            }
        }
        if (entry.start() != null) {
            node.put("start", entry.start().toString()).put("end", entry.end().toString());
        }
        if (entry.observed() != Observed.NONE) {
            node.put("observed", entry.observed().wireName());
        }
        return node;
    }

    /**
     * Reads and checks a calendar; {@code id} is the path's (a different id in the body is refused). Bookkeeping
     * fields a client read back ({@code version}, {@code usedBy}, ...) are ignored, so a GET's body can be PUT again.
     */
    public static HolidayCalendar fromJson(JsonNode node, String id, List<Violation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new Violation("", "must be a JSON object with entries"));
            return null;
        }
        JsonFields.unknown(node, FIELDS, "", violations);
        String bodyId = JsonFields.text(node, "id", "", violations);
        if (bodyId != null && !bodyId.equals(id)) {
            violations.add(new Violation("id", "must match the id in the path ('" + id + "') or be left out"));
        }
        String description = JsonFields.text(node, "description", "", violations);
        if (description != null) {
            if (description.length() > FlowConfigValidator.MAX_DESCRIPTION) {
                violations.add(new Violation("description", "must be at most "
                        + FlowConfigValidator.MAX_DESCRIPTION + " characters"));
            }
            FlowConfigValidator.checkText("description", description, violations);
        }
        List<CalendarEntry> entries = new ArrayList<>();
        JsonNode list = node.get("entries");
        if (list == null || !list.isArray()) {
            violations.add(new Violation("entries", "must be a list of entries (it may be empty)"));
        } else if (list.size() > HolidayCalendar.MAX_ENTRIES) {
            violations.add(new Violation("entries", "at most " + HolidayCalendar.MAX_ENTRIES
                    + " entries per calendar"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                CalendarEntry entry = entry(list.get(i), "entries[" + i + "]", violations);
                if (entry != null && entry.name() != null && !names.add(entry.name())) {
                    violations.add(new Violation("entries[" + i + "].name", "another entry has the name '"
                            + entry.name() + "'"));
                }
                entries.add(entry);
            }
        }
        return new HolidayCalendar(id, description, entries, 0, null, null);
    }

    private static CalendarEntry entry(JsonNode node, String field, List<Violation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new Violation(field, "must be an object with name and kind"));
            return null;
        }
        String prefix = field + ".";
        String name = JsonFields.text(node, "name", prefix, violations);
        if (name == null) {
            violations.add(new Violation(prefix + "name", "is required"));
        } else if (!ENTRY_NAME.matcher(name).matches()) {
            violations.add(new Violation(prefix + "name", "must be 1-64 letters, digits, spaces and ' . ( ) & / -,"
                    + " starting with a letter or digit"));
        }
        String kind = JsonFields.text(node, "kind", prefix, violations);
        Set<String> known = new HashSet<>(COMMON);
        HolidayRule rule = null;
        if (kind == null) {
            violations.add(new Violation(prefix + "kind", "is required: fixed, yearly, nthWeekday or easter"));
        } else {
            switch (kind) {
                case "fixed" -> {
                    known.add("date");
                    LocalDate date = parse(JsonFields.text(node, "date", prefix, violations), LocalDate::parse);
                    if (date == null) {
                        violations.add(new Violation(prefix + "date", "must be a date such as 2026-07-03"));
                    } else {
                        rule = new HolidayRule.Fixed(date);
                    }
                }
                case "yearly" -> {
                    known.addAll(Set.of("month", "day"));
                    Integer month = integer(node, "month", 1, 12, prefix, violations);
                    Integer day = integer(node, "day", 1, 31, prefix, violations);
                    if (month != null && day != null) {
                        if (day > Month.of(month).maxLength()) {
                            violations.add(new Violation(prefix + "day", "month " + month + " has no day " + day));
                        } else {
                            rule = new HolidayRule.Yearly(MonthDay.of(month, day));
                        }
                    }
                }
                case "nthWeekday" -> {
                    known.addAll(Set.of("month", "weekday", "nth"));
                    Integer month = integer(node, "month", 1, 12, prefix, violations);
                    DayOfWeek weekday = day(JsonFields.text(node, "weekday", prefix, violations));
                    if (weekday == null) {
                        violations.add(new Violation(prefix + "weekday", "must be one of MON, TUE, WED, THU, FRI, "
                                + "SAT, SUN"));
                    }
                    Integer nth = integer(node, "nth", -1, 5, prefix, violations);
                    if (nth != null && nth == 0) {
                        violations.add(new Violation(prefix + "nth", "must be 1 to 5, or -1 for the last"));
                        nth = null;
                    }
                    if (month != null && weekday != null && nth != null) {
                        rule = new HolidayRule.NthWeekday(Month.of(month), weekday, nth);
                    }
                }
                case "easter" -> {
                    known.addAll(Set.of("offset", "computus"));
                    Integer offset = integer(node, "offset", MIN_EASTER_OFFSET, MAX_EASTER_OFFSET, prefix,
                            violations);
                    String computus = JsonFields.text(node, "computus", prefix, violations);
                    if (computus != null && !computus.equals("western") && !computus.equals("orthodox")) {
                        violations.add(new Violation(prefix + "computus", "must be western or orthodox"));
                    }
                    if (offset != null) {
                        rule = new HolidayRule.EasterRelative(offset, "orthodox".equals(computus));
                    }
                }
                default -> violations.add(new Violation(prefix + "kind", "must be fixed, yearly, nthWeekday or "
                        + "easter"));
            }
        }
        JsonFields.unknown(node, known, prefix, violations);
        LocalTime start = null;
        LocalTime end = null;
        if (node.has("start") || node.has("end")) {
            start = parse(JsonFields.text(node, "start", prefix, violations), LocalTime::parse);
            end = parse(JsonFields.text(node, "end", prefix, violations), LocalTime::parse);
            if (start == null) {
                violations.add(new Violation(prefix + "start", "must be a local time such as 17:00 (with end)"));
            }
            if (end == null) {
                violations.add(new Violation(prefix + "end", "must be a local time such as 23:00 (with start)"));
            }
        }
        Observed observed = Observed.NONE;
        String observedName = JsonFields.text(node, "observed", prefix, violations);
        if (observedName != null) {
            observed = Observed.fromWireName(observedName).orElse(null);
            if (observed == null) {
                violations.add(new Violation(prefix + "observed", "must be none, nearestWeekday, sundayToMonday or "
                        + "nextMonday"));
            }
        }
        return new CalendarEntry(name, rule, start, end, observed);
    }

    private static Integer integer(JsonNode node, String name, int min, int max, String prefix,
            List<Violation> violations) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                || value.intValue() > max) {
            violations.add(new Violation(prefix + name, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return value.intValue();
    }

    static DayOfWeek day(String text) {
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
                return day;
            }
        }
        return null;
    }

    private static <T> T parse(String text, java.util.function.Function<String, T> parser) {
        try {
            return text == null || text.length() > 40 ? null : parser.apply(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
