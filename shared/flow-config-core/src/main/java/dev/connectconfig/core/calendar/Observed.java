package dev.connectconfig.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

/** When a holiday that falls on a weekend is observed instead. */
public enum Observed {
    /** On the day itself, weekend or not. */
    NONE("none"),
    /** A Saturday holiday on the Friday before, a Sunday one on the Monday after (US federal rule). */
    NEAREST_WEEKDAY("nearestWeekday"),
    /** Only a Sunday holiday moves, to the Monday after. */
    SUNDAY_TO_MONDAY("sundayToMonday"),
    /** A Saturday or Sunday holiday on the Monday after (UK bank holiday substitute day, one holiday at a time). */
    NEXT_MONDAY("nextMonday");

    private final String wireName;

    Observed(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Observed> fromWireName(String name) {
        for (Observed observed : values()) {
            if (observed.wireName.equals(name)) {
                return Optional.of(observed);
            }
        }
        return Optional.empty();
    }

    /** The day {@code date} is observed on. */
    public LocalDate apply(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return switch (this) {
            case NONE -> date;
            case NEAREST_WEEKDAY -> day == DayOfWeek.SATURDAY ? date.minusDays(1)
                    : day == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
            case SUNDAY_TO_MONDAY -> day == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
            case NEXT_MONDAY -> day == DayOfWeek.SATURDAY ? date.plusDays(2)
                    : day == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
        };
    }
}
