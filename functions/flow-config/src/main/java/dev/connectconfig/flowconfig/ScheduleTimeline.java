package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.schedule.ScheduleCalendar;
import dev.connectconfig.core.schedule.ScheduledConfig;
import dev.connectconfig.core.validation.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each schedule of a config starts and ends over the next days, in UTC and in the schedule's own zone, so a
 * person reads "closed from Dec 24 17:00 to Dec 26 08:00 New York time". Stretches that touch are shown as one.
 */
final class ScheduleTimeline {

    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 31;

    private record Entry(int order, Schedule schedule, ZoneId zone, ScheduleCalendar.Occurrence occurrence) {
    }

    private final FlowConfigRepository store;
    private final FlowConfigAuthorizer authorizer;
    private final Clock clock;

    ScheduleTimeline(FlowConfigRepository store, FlowConfigAuthorizer authorizer, Clock clock) {
        this.store = store;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    ApiAnswer.Json timeline(Caller caller, String id, String fromText, String daysText) {
        ConfigIds.check(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        List<Violation> violations = new ArrayList<>();
        Instant from = ApiInstants.parse(fromText, "from", violations);
        int days = days(daysText, violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        Instant start = from != null ? from : clock.instant();
        Instant end = start.plus(Duration.ofDays(days));
        FlowConfig stored = store.find(id).orElseThrow(() -> ConfigIds.notFound(id));
        FlowConfig config = stored.usesCalendars() ? stored.withCalendars(store.findCalendars(stored.calendarIds()))
                : stored;

        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < config.schedules().size(); i++) {
            Schedule schedule = config.schedules().get(i);
            ZoneId zone = ScheduledConfig.zone(config, schedule);
            for (ScheduleCalendar.Occurrence occurrence : ScheduleCalendar.joined(
                    ScheduleCalendar.occurrences(schedule.when(), zone, start, end))) {
                entries.add(new Entry(i, schedule, zone, occurrence));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.occurrence().start()).thenComparingInt(Entry::order));

        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode().put("id", id).put("version", config.version())
                .put("from", start.toString()).put("to", end.toString())
                .put("timeZone", config.effectiveTimeZone());
        ArrayNode list = body.putArray("entries");
        for (Entry entry : entries) {
            ObjectNode item = list.addObject().put("schedule", entry.schedule().name())
                    .put("timeZone", entry.zone().getId())
                    .put("start", entry.occurrence().start().toString())
                    .put("localStart", local(entry.occurrence().start(), entry.zone()));
            Instant stop = entry.occurrence().end();
            item.put("end", stop == null ? null : stop.toString());
            item.put("localEnd", stop == null ? null : local(stop, entry.zone()));
            if (entry.occurrence().cause() != null) {
                // The calendar entry (or entries, comma separated) that made this stretch active.
                item.put("calendarEntry", entry.occurrence().cause());
            }
            if (entry.schedule().description() != null) {
                item.put("description", entry.schedule().description());
            }
        }
        return ApiAnswer.ok(body);
    }

    /** Local time with its offset, unambiguous in the hour the clocks go back. */
    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }

    private static int days(String text, List<Violation> violations) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_DAYS;
        }
        if (text.length() <= 2 && text.chars().allMatch(Character::isDigit)) {
            int days = Integer.parseInt(text);
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        }
        violations.add(new Violation("days", "must be a whole number of days from 1 to " + MAX_DAYS));
        return DEFAULT_DAYS;
    }
}
