package dev.connectconfig.core.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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

    /** Every week on {@code days}, from {@code start} until {@code end}. */
    record Weekly(Set<DayOfWeek> days, LocalTime start, LocalTime end) implements ScheduleWhen {

        public Weekly {
            days = days == null || days.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(days));
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
