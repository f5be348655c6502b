package dev.connectconfig.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarJsonTest {

    static final String US = """
            {"description": "US federal holidays", "entries": [
              {"name": "Christmas Day", "kind": "yearly", "month": 12, "day": 25, "observed": "nearestWeekday"},
              {"name": "Thanksgiving", "kind": "nthWeekday", "month": 11, "weekday": "THU", "nth": 4},
              {"name": "Memorial Day", "kind": "nthWeekday", "month": 5, "weekday": "MON", "nth": -1},
              {"name": "Good Friday", "kind": "easter", "offset": -2},
              {"name": "Orthodox Easter", "kind": "easter", "offset": 0, "computus": "orthodox"},
              {"name": "Company offsite", "kind": "fixed", "date": "2026-07-03", "start": "12:00", "end": "17:00"}]}""";

    static HolidayCalendar parse(String id, String json, List<Violation> violations) throws Exception {
        return CalendarJson.fromJson(FlowConfigJson.MAPPER.readTree(json), id, violations);
    }

    @Test
    void everyKindReadsAndWritesBackTheSame() throws Exception {
        List<Violation> violations = new ArrayList<>();
        HolidayCalendar calendar = parse("us-federal", US, violations);
        assertEquals(List.of(), violations);
        assertEquals(6, calendar.entries().size());
        HolidayCalendar again = parse("us-federal", CalendarJson.toJson(calendar).toString(), violations);
        assertEquals(List.of(), violations);
        assertEquals(calendar, again);
    }

    @Test
    void eachBrokenRuleIsNamedByItsField() throws Exception {
        List<Violation> violations = new ArrayList<>();
        parse("x", """
                {"id": "other", "entries": [
                  {"name": "A", "kind": "yearly", "month": 2, "day": 30},
                  {"name": "A", "kind": "nthWeekday", "month": 11, "weekday": "THX", "nth": 0},
                  {"name": "B", "kind": "easter", "offset": -300, "computus": "coptic"},
                  {"name": "C", "kind": "fixed", "date": "2026-13-01", "start": "12:00"},
                  {"name": ",bad", "kind": "weekly", "observed": "monday"}]}""", violations);
        List<String> fields = violations.stream().map(Violation::field).toList();
        assertEquals(List.of("id", "entries[0].day", "entries[1].weekday", "entries[1].nth", "entries[1].name",
                "entries[2].offset", "entries[2].computus", "entries[3].date", "entries[3].end", "entries[4].name",
                "entries[4].kind", "entries[4].observed"), fields);
        assertTrue(violations.get(5).message().contains("-63"));
    }
}
