package dev.connectconfig.core.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

/**
 * A named day of a calendar: its rule, the day it is observed on when that falls on a weekend, and the part of the
 * day it covers ({@code start} and {@code end} both null for the whole day; an end not after the start runs into
 * the next day, as a schedule's time range does).
 */
public record CalendarEntry(String name, HolidayRule rule, LocalTime start, LocalTime end, Observed observed) {

    public CalendarEntry {
        observed = observed == null ? Observed.NONE : observed;
    }

    /** The day this entry is observed on for {@code year}'s rule date (which may move it into a neighbouring year). */
    public Optional<LocalDate> observedIn(int year) {
        return rule.in(year).map(observed::apply);
    }

    public boolean wholeDay() {
        return start == null;
    }
}
