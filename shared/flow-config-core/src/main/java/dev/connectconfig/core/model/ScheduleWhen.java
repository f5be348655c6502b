package dev.connectconfig.core.model;

import dev.connectconfig.core.calendar.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a schedule is active, in local time of its zone. A time range whose end is not after its start crosses
 * midnight and ends on the next day (an end equal to the start spans 24 hours).
 */
public sealed interface ScheduleWhen {

    /** One window from {@code from} until {@code to}; a null {@code to} never ends (an emergency until ended). */
    record Window(LocalDateTime from, LocalDateTime to) implements ScheduleWhen {
    }

    /**
     * Every week on {@code days}, from {@code start} until {@code end}; with a {@code season}, only on the days it
     * holds (a range that starts on a day outside the season does not start).
     */
    record Weekly(Set<DayOfWeek> days, LocalTime start, LocalTime end, Season season) implements ScheduleWhen {

        public Weekly {
            days = days == null || days.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(days));
        }

        public Weekly(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
            this(days, start, end, null);
        }
    }

    /**
     * Part of the year (summer hours): every year, or only {@code years} when not empty, from the month-day
     * {@code from} to {@code to} inclusive; a range whose end comes before its start runs over New Year (11-01..02-28).
     * Both null: the whole of the given years.
     */
    record Season(MonthDay from, MonthDay to, Set<Integer> years) {

        public Season {
            years = years == null ? Set.of() : Set.copyOf(years);
        }

        public boolean holds(LocalDate day) {
            if (!years.isEmpty() && !years.contains(day.getYear())) {
                return false;
            }
            if (from == null) {
                return true;
            }
            MonthDay monthDay = MonthDay.from(day);
            return from.isAfter(to) ? !monthDay.isBefore(from) || !monthDay.isAfter(to)
                    : !monthDay.isBefore(from) && !monthDay.isAfter(to);
        }
    }

    /**
     * The days of a shared calendar: all its entries, or only those named in {@code entries}. {@code calendar} is the
     * calendar itself once resolved (by GetConfig, the preview, the timeline, validation); a schedule as stored or
     * submitted holds only the id, and an unresolved one is never active.
     */
    record OnCalendar(String calendarId, List<String> entries, HolidayCalendar calendar) implements ScheduleWhen {

        public OnCalendar {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** Listed dates (holidays), each the whole day or, with {@code start} and {@code end}, part of it. */
    record Dates(List<ScheduledDate> dates) implements ScheduleWhen {

        public Dates {
            dates = dates == null ? List.of() : List.copyOf(dates);
        }
    }

    /** One date of {@link Dates}; {@code start} and {@code end} both null for the whole day. */
    record ScheduledDate(LocalDate date, LocalTime start, LocalTime end) {
    }
}
