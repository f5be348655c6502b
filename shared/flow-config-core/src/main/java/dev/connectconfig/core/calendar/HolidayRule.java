package dev.connectconfig.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** Which day of a year a calendar entry falls on, before its observed rule moves it off a weekend. */
public sealed interface HolidayRule {

    /** The day in {@code year}, empty when the rule has none that year (a fixed date of another year, Feb 29). */
    Optional<LocalDate> in(int year);

    /** One date, once. */
    record Fixed(LocalDate date) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return date.getYear() == year ? Optional.of(date) : Optional.empty();
        }
    }

    /** The same month and day every year (12-25); 02-29 only in leap years. */
    record Yearly(MonthDay monthDay) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return monthDay.isValidYear(year) ? Optional.of(monthDay.atYear(year)) : Optional.empty();
        }
    }

    /** The {@code nth} (1-5) {@code weekday} of {@code month}, or the last one when {@code nth} is {@link #LAST}. */
    record NthWeekday(Month month, DayOfWeek weekday, int nth) implements HolidayRule {
        public static final int LAST = -1;

        @Override
        public Optional<LocalDate> in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            if (nth == LAST) {
                return Optional.of(first.with(TemporalAdjusters.lastInMonth(weekday)));
            }
            LocalDate date = first.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday));
            return date.getMonth() == month ? Optional.of(date) : Optional.empty();
        }
    }

    /** {@code offset} days from Easter Sunday (Good Friday -2, Easter Monday +1), Western or Orthodox. */
    record EasterRelative(int offset, boolean orthodox) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of((orthodox ? Easter.orthodox(year) : Easter.western(year)).plusDays(offset));
        }
    }
}
