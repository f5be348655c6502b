package dev.connectconfig.flowconfig;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigStore;
import java.util.List;
import java.util.Optional;

/** The flow-config table, its catalog index and the history table, as the API uses them. */
interface FlowConfigRepository extends FlowConfigStore {

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

    /** The configs with these ids that exist, in the order asked. */
    List<FlowConfig> findAll(List<String> ids);

    /**
     * Applies all changes atomically, or none; {@link ConflictException} when any precondition no longer holds. The
     * changes must fit one transaction: {@link #CHANGES_PER_TRANSACTION} and {@link #TRANSACTION_BUDGET_BYTES}.
     */
    void commit(List<Change> changes);

    /** TransactWriteItems takes 100 items: a change is two (the config and its history copy). */
    int CHANGES_PER_TRANSACTION = 50;
    /** TransactWriteItems carries at most 4 MB of items; the margin absorbs DynamoDB's own accounting. */
    long TRANSACTION_BUDGET_BYTES = 3_500_000;

    /** What {@code change} adds to the size of its transaction: the new item and the history copy of the previous. */
    long transactionBytes(Change change);

    /** The highest version in the history, 0 when there is none, so a recreated id keeps counting up. */
    long latestArchivedVersion(String id);

    HistoryPage history(String id, Long beforeVersion, int limit);

    Optional<FlowConfig> archivedVersion(String id, long version);
}
