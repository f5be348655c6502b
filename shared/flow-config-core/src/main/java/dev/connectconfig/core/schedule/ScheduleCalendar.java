package dev.connectconfig.core.schedule;

import dev.connectconfig.core.calendar.CalendarEntry;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.model.ScheduleWhen;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a schedule's local times into instants. A local time that a spring-forward gap skips starts (or ends) at the
 * moment the clocks jump; a local time that the fall-back overlap shows twice means its first occurrence. So a weekly
 * 01:00-02:00 range lasts two real hours on the night the clocks go back, and a window at 02:30 on the night they go
 * forward starts at 03:00.
 */
public final class ScheduleCalendar {

    /**
     * One stretch of activity; {@code end} is exclusive, null when it never ends. {@code cause} names the calendar
     * entry that made it ("Christmas Day"), null for a schedule's own times.
     */
    public record Occurrence(Instant start, Instant end, String cause) {

        public Occurrence(Instant start, Instant end) {
            this(start, end, null);
        }

        boolean contains(Instant at) {
            return !at.isBefore(start) && (end == null || at.isBefore(end));
        }
    }

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private ScheduleCalendar() {
    }

    /** The IANA zone with this name; offsets such as {@code +01:00} and unknown names are empty. */
    public static Optional<ZoneId> zone(String name) {
        return name != null && ZONES.contains(name) ? Optional.of(ZoneId.of(name)) : Optional.empty();
    }

    public static boolean isActive(ScheduleWhen when, ZoneId zone, Instant at) {
        for (Occurrence occurrence : occurrences(when, zone, at, at.plusNanos(1))) {
            if (occurrence.contains(at)) {
                return true;
            }
        }
        return false;
    }

    /** The occurrences that overlap {@code [from, to)}, by start. */
    public static List<Occurrence> occurrences(ScheduleWhen when, ZoneId zone, Instant from, Instant to) {
        List<Occurrence> found = new ArrayList<>();
        // A day's range may run into the next day, so the day before the range starts counts too.
        LocalDate firstDay = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate lastDay = to.atZone(zone).toLocalDate();
        switch (when) {
            case ScheduleWhen.Window window -> found.add(new Occurrence(instant(window.from(), zone),
                    window.to() == null ? null : instant(window.to(), zone)));
            case ScheduleWhen.Weekly weekly -> {
                for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
                    if (weekly.days().contains(day.getDayOfWeek())
                            && (weekly.season() == null || weekly.season().holds(day))) {
                        found.add(range(day, weekly.start(), weekly.end(), zone));
                    }
                }
            }
            case ScheduleWhen.Dates dates -> {
                for (ScheduleWhen.ScheduledDate date : dates.dates()) {
                    if (!date.date().isBefore(firstDay) && !date.date().isAfter(lastDay)) {
                        found.add(date.start() == null ? range(date.date(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                                zone) : range(date.date(), date.start(), date.end(), zone));
                    }
                }
            }
            case ScheduleWhen.OnCalendar onCalendar -> {
                if (onCalendar.calendar() != null) {
                    for (HolidayCalendar.Day day : onCalendar.calendar().days(firstDay, lastDay,
                            onCalendar.entries())) {
                        CalendarEntry entry = day.entry();
                        Occurrence range = entry.wholeDay()
                                ? range(day.date(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone)
                                : range(day.date(), entry.start(), entry.end(), zone);
                        found.add(new Occurrence(range.start(), range.end(), entry.name()));
                    }
                }
            }
        }
        found.removeIf(o -> !o.start().isBefore(to) || (o.end() != null && !o.end().isAfter(from)));
        found.sort(Comparator.comparing(Occurrence::start));
        return found;
    }

    /** The calendar entries behind the occurrences of {@code when} that hold at {@code at}, in calendar order. */
    public static List<String> causesAt(ScheduleWhen when, ZoneId zone, Instant at) {
        List<String> causes = new ArrayList<>();
        for (Occurrence occurrence : occurrences(when, zone, at, at.plusNanos(1))) {
            if (occurrence.contains(at) && occurrence.cause() != null && !causes.contains(occurrence.cause())) {
                causes.add(occurrence.cause());
            }
        }
        return causes;
    }

    /** Occurrences that touch or overlap joined into one, as a person reads them ("closed Dec 25 to Dec 27"). */
    public static List<Occurrence> joined(List<Occurrence> sorted) {
        List<Occurrence> joined = new ArrayList<>();
        for (Occurrence next : sorted) {
            Occurrence last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && last.end() != null && !next.start().isAfter(last.end())) {
                Instant end = next.end() == null || next.end().isAfter(last.end()) ? next.end() : last.end();
                joined.set(joined.size() - 1, new Occurrence(last.start(), end, cause(last.cause(), next.cause())));
            } else if (last == null || last.end() != null) {
                joined.add(next);
            }
        }
        return joined;
    }

    private static String cause(String a, String b) {
        if (a == null || b == null || List.of(a.split(",")).contains(b)) {
            return a == null ? b : a;
        }
        return a + "," + b;
    }

    /** From {@code start} on {@code day} until {@code end}, on the next day when it is not after the start. */
    private static Occurrence range(LocalDate day, LocalTime start, LocalTime end, ZoneId zone) {
        LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
        return new Occurrence(instant(day.atTime(start), zone), instant(endDay.atTime(end), zone));
    }

    /** The first instant at which the wall clock in {@code zone} shows {@code local}, or jumps past it. */
    public static Instant instant(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }
}
