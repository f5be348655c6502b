package dev.connectconfig.flowconfig;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.CalendarItems;
import dev.connectconfig.core.store.FlowConfigStore;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The flow-config table, its catalog index and the history table, as the API uses them. */
interface FlowConfigRepository extends FlowConfigStore, CalendarRepository {

    /** One page of the catalog in id order, at most {@code maxItems}; {@code lastEvaluatedId} null at the end. */
    record CatalogPage(List<ConfigSummary> items, String lastEvaluatedId) {
    }

    record HistoryPage(List<HistoryEntry> entries, Long lastEvaluatedVersion) {
    }

    /**
     * One write. {@code next} null deletes; {@code previous} null creates (the id must not exist). Otherwise the
     * stored version must still be {@code previous.version()}, and {@code previous} goes to the history.
     */
    record Change(FlowConfig previous, FlowConfig next, String reason, String at, String by) {

        String id() {
            return next != null ? next.id() : previous.id();
        }

        /** The calendars this change starts to use: their {@code usedBy} gains the config. */
        Set<String> calendarsAdded() {
            Set<String> added = new LinkedHashSet<>(next == null ? List.of() : next.calendarIds());
            added.removeAll(previous == null ? List.of() : previous.calendarIds());
            return added;
        }

        /** The calendars this change stops using. */
        Set<String> calendarsRemoved() {
            Set<String> removed = new LinkedHashSet<>(previous == null ? List.of() : previous.calendarIds());
            removed.removeAll(next == null ? List.of() : next.calendarIds());
            return removed;
        }

        Set<String> calendarsTouched() {
            Set<String> touched = new LinkedHashSet<>(calendarsAdded());
            touched.addAll(calendarsRemoved());
            return touched;
        }

        /** The config's put or delete, and the history copy of the previous state. */
        int itemCount() {
            return previous == null ? 1 : 2;
        }
    }

    /** A write lost a race: the stored version is no longer the one the change was based on. */
    final class ConflictException extends RuntimeException {
        ConflictException(String id) {
            super("flow config " + id + " changed concurrently", null, false, false);
        }
    }

    /** The catalog's ids and bookkeeping, without status: what selections and counts read. */
    CatalogPage catalog(String prefix, String afterId, int maxItems);

    /** As {@link #catalog}, with each config's {@link ListStatus} summary: what the list reads. */
    default CatalogPage listed(String prefix, String afterId, int maxItems) {
        return catalog(prefix, afterId, maxItems);
    }

    /** A config whose first schedule is the emergency switch's: its end, null when it has none. */
    record Emergency(String id, String description, String until) {
    }

    record EmergencyPage(List<Emergency> items, String lastEvaluatedId) {
    }

    /** The configs in emergency (ended ones included) in id order, from the catalog's status index. */
    default EmergencyPage emergencies(String afterId, int maxItems) {
        return new EmergencyPage(List.of(), null);
    }

    /**
     * The calendars with these ids that exist, by id: what a config's schedules name, read to check and size it. A
     * store that holds no calendars (a test's) has none.
     */
    default Map<String, HolidayCalendar> findCalendars(Collection<String> ids) {
        return Map.of();
    }

    /**
     * A config change named a calendar that is gone or serves {@link CalendarItems#MAX_USES} configs already: found
     * by the transaction's check on the calendar's item.
     */
    final class CalendarUnavailableException extends ApiException {
        private final String calendarId;

        CalendarUnavailableException(String calendarId) {
            super(409, "CALENDAR_UNAVAILABLE", "Calendar '" + calendarId + "' was deleted meanwhile, or already serves "
                    + CalendarItems.MAX_USES + " configs (the most one calendar serves); nothing was written.");
            this.calendarId = calendarId;
        }

        String calendarId() {
            return calendarId;
        }
    }

    /** The configs with these ids that exist, in the order asked. */
    List<FlowConfig> findAll(List<String> ids);

    /**
     * Applies all changes atomically, or none; {@link ConflictException} when any precondition no longer holds. The
     * changes must fit one transaction: {@link #CHANGES_PER_TRANSACTION} and {@link #TRANSACTION_BUDGET_BYTES}.
     */
    void commit(List<Change> changes);

    /** TransactWriteItems takes 100 items: a change is two (the config and its history copy). */
    int CHANGES_PER_TRANSACTION = 50;
    /**
     * Items one transaction may hold: a change's config and history copy, plus one update per calendar whose
     * {@code usedBy} the transaction's changes add to or take from.
     */
    int ITEMS_PER_TRANSACTION = 100;
    /** TransactWriteItems carries at most 4 MB of items; the margin absorbs DynamoDB's own accounting. */
    long TRANSACTION_BUDGET_BYTES = 3_500_000;

    /** What {@code change} adds to the size of its transaction: the new item and the history copy of the previous. */
    long transactionBytes(Change change);

    /** The highest version in the history, 0 when there is none, so a recreated id keeps counting up. */
    long latestArchivedVersion(String id);

    HistoryPage history(String id, Long beforeVersion, int limit);

    Optional<FlowConfig> archivedVersion(String id, long version);
}
