package dev.connectconfig.core.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A shared list of named days (holidays) that schedules of many configs name with {@code {"calendar": id}}: one
 * change reaches every config that uses it. {@code version} is 0 for a calendar never stored.
 */
public record HolidayCalendar(String id, String description, List<CalendarEntry> entries, long version,
        String updatedAt, String updatedBy) {

    /** Entries one calendar may hold: every call of a config that uses it looks through them. */
    public static final int MAX_ENTRIES = 200;

    public HolidayCalendar {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public HolidayCalendar withBookkeeping(long newVersion, String at, String by) {
        return new HolidayCalendar(id, description, entries, newVersion, at, by);
    }

    /** One entry observed on one day. */
    public record Day(LocalDate date, CalendarEntry entry) {
    }

    /** The days the entries (all when {@code names} is empty) are observed on in {@code [from, to]}, by date. */
    public List<Day> days(LocalDate from, LocalDate to, List<String> names) {
        List<Day> days = new ArrayList<>();
        for (CalendarEntry entry : entries) {
            if (!names.isEmpty() && !names.contains(entry.name())) {
                continue;
            }
            // An observed rule moves a day at most two days, possibly across New Year.
            for (int year = from.getYear() - 1; year <= to.getYear() + 1; year++) {
                entry.observedIn(year).filter(day -> !day.isBefore(from) && !day.isAfter(to))
                        .ifPresent(day -> days.add(new Day(day, entry)));
            }
        }
        days.sort(Comparator.comparing(Day::date));
        return days;
    }

    public List<Day> days(LocalDate from, LocalDate to) {
        return days(from, to, List.of());
    }
}
