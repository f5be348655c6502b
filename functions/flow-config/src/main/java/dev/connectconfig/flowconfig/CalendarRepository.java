package dev.connectconfig.flowconfig;

import dev.connectconfig.core.calendar.HolidayCalendar;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Calendars in the flow-config table (key {@code calendar#<id>}) and their history in the history table, as the
 * API uses them. Which configs use a calendar is kept on the calendar's item by the config writes themselves. The
 * defaults are those of a store that holds no calendars (a unit test's).
 */
interface CalendarRepository {

    /** A calendar as stored, with the configs that use it and the revision of that list. */
    record StoredCalendar(HolidayCalendar calendar, Set<String> usedBy, long usedByRevision) {
    }

    /**
     * One write of a calendar. {@code next} null deletes; {@code previous} null creates. Otherwise the stored version
     * and the revision of its {@code usedBy} must still be {@code previous}'s, and {@code previous} goes to the history.
     */
    record CalendarChange(StoredCalendar previous, HolidayCalendar next, String reason, String at, String by) {

        String id() {
            return next != null ? next.id() : previous.calendar().id();
        }
    }

    record CalendarPage(List<HolidayCalendar> items, String lastEvaluatedId) {
    }

    default Optional<StoredCalendar> findCalendar(String id) {
        return Optional.empty();
    }

    /** One page of calendars in id order (entries not read: summaries), at most {@code maxItems}. */
    default CalendarPage calendars(String prefix, String afterId, int maxItems) {
        return new CalendarPage(List.of(), null);
    }

    /** {@link FlowConfigRepository.ConflictException} when the calendar or its use changed meanwhile. */
    default void commit(CalendarChange change) {
        throw new UnsupportedOperationException("this store holds no calendars");
    }

    default Optional<HolidayCalendar> archivedCalendar(String id, long version) {
        return Optional.empty();
    }
}
