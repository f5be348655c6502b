package dev.connectconfig.flowconfig;

import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.CalendarItems;
import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.core.store.ItemSize;
import dev.connectconfig.core.store.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Flow configs in DynamoDB. Lists read the {@code catalog-id} index (one partition, sorted by id) with a Query, so a
 * prefix is a key condition and pages follow {@code LastEvaluatedKey} past DynamoDB's 1 MB. Every write is one
 * TransactWriteItems: the conditional put or delete of the current item and the put of the previous state into the
 * append-only history table. Each transaction carries its own {@code ClientRequestToken}, so the SDK's retry of a
 * write that DynamoDB had already committed is answered as that success, not as a lost race.
 */
final class DynamoDbFlowConfigRepository extends DynamoDbFlowConfigStore implements FlowConfigRepository {

    static final String ARCHIVED_AT = "archivedAt";
    static final String ARCHIVED_BY = "archivedBy";
    static final String ARCHIVED_BECAUSE = "archivedBecause";
    /** Two transactions on one item at once cancel each other; retrying re-checks the version, it never overrides. */
    private static final int CONFLICT_RETRIES = 4;
    /** The catalog index that also projects {@link ListStatus#ATTRIBUTE}: what the list reads. */
    static final String STATUS_INDEX = "catalog-status";
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbFlowConfigRepository.class);

    private final String historyTable;

    DynamoDbFlowConfigRepository(DynamoDbClient dynamoDb, String table, String historyTable) {
        super(dynamoDb, table);
        this.historyTable = historyTable;
    }

    @Override
    public CatalogPage catalog(String prefix, String afterId, int maxItems) {
        return catalog(FlowConfigItems.CATALOG_INDEX, prefix, afterId, maxItems);
    }

    /**
     * From the {@code catalog-status} index, which also holds each config's list status. Right after the index is
     * added to an existing table, DynamoDB builds it (backfills) for a while and refuses to read it: the list is
     * then read from {@code catalog-id}, without status, rather than failing.
     */
    @Override
    public CatalogPage listed(String prefix, String afterId, int maxItems) {
        try {
            return catalog(STATUS_INDEX, prefix, afterId, maxItems);
        } catch (StoreUnavailableException e) {
            if (e.getCause() instanceof AwsServiceException refused && refused.statusCode() == 400
                    && refused.awsErrorDetails() != null
                    && ("ResourceNotFoundException".equals(refused.awsErrorDetails().errorCode())
                            || String.valueOf(refused.awsErrorDetails().errorMessage()).contains(STATUS_INDEX))) {
                LOG.warn("the {} index cannot be read yet ({}); listing without status",
                        STATUS_INDEX, refused.awsErrorDetails().errorCode());
                return catalog(FlowConfigItems.CATALOG_INDEX, prefix, afterId, maxItems);
            }
            throw e;
        }
    }

    private CatalogPage catalog(String index, String prefix, String afterId, int maxItems) {
        Map<String, String> names = new HashMap<>(Map.of("#c", FlowConfigItems.CATALOG));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":c",
                AttributeValue.fromS(FlowConfigItems.CATALOG_VALUE)));
        String condition = "#c = :c";
        if (prefix != null && !prefix.isEmpty()) {
            condition += " AND begins_with(#id, :p)";
            names.put("#id", FlowConfigItems.ID);
            values.put(":p", AttributeValue.fromS(prefix));
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(index)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(maxItems);
        if (afterId != null) {
            request.exclusiveStartKey(Map.of(FlowConfigItems.CATALOG, AttributeValue.fromS(FlowConfigItems.CATALOG_VALUE),
                    FlowConfigItems.ID, AttributeValue.fromS(afterId)));
        }
        QueryResponse response = query(request.build());
        List<ConfigSummary> items = response.items().stream().map(item -> new ConfigSummary(
                text(item.get(FlowConfigItems.ID)), text(item.get(FlowConfigItems.DESCRIPTION)),
                number(item.get(FlowConfigItems.VERSION)), text(item.get(FlowConfigItems.UPDATED_AT)),
                text(item.get(FlowConfigItems.UPDATED_BY)), text(item.get(ListStatus.ATTRIBUTE)))).toList();
        String last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? text(response.lastEvaluatedKey().get(FlowConfigItems.ID)) : null;
        return new CatalogPage(items, last);
    }

    /**
     * From the {@code catalog-status} index, keeping only the items whose {@code emergency} attribute is on: the
     * index's items are small (the catalog and the list status), so a page of the catalog is one Query however many
     * of its configs are in emergency. {@code maxItems} bounds the items examined, not the ones answered.
     */
    @Override
    public EmergencyPage emergencies(String afterId, int maxItems) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(STATUS_INDEX)
                .keyConditionExpression("#c = :c")
                .filterExpression("#e = :e")
                .expressionAttributeNames(Map.of("#c", FlowConfigItems.CATALOG, "#e", FlowConfigItems.EMERGENCY))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(FlowConfigItems.CATALOG_VALUE),
                        ":e", AttributeValue.fromS(FlowConfigItems.EMERGENCY_VALUE)))
                .limit(maxItems);
        if (afterId != null) {
            request.exclusiveStartKey(Map.of(FlowConfigItems.CATALOG, AttributeValue.fromS(FlowConfigItems.CATALOG_VALUE),
                    FlowConfigItems.ID, AttributeValue.fromS(afterId)));
        }
        QueryResponse response = query(request.build());
        List<Emergency> items = response.items().stream().map(item -> new Emergency(text(item.get(
                FlowConfigItems.ID)), text(item.get(FlowConfigItems.DESCRIPTION)),
                text(item.get(FlowConfigItems.EMERGENCY_UNTIL)))).toList();
        String last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? text(response.lastEvaluatedKey().get(FlowConfigItems.ID)) : null;
        return new EmergencyPage(items, last);
    }

    @Override
    public List<FlowConfig> findAll(List<String> ids) {
        Map<String, FlowConfig> found = new HashMap<>();
        batchGet(ids, item -> {
            FlowConfig config = FlowConfigItems.fromItem(item);
            found.put(config.id(), config);
        });
        return ids.stream().distinct().filter(found::containsKey).map(found::get).toList();
    }

    /** Reads the items with these keys, 100 a call, retrying the keys DynamoDB leaves unprocessed. */
    private void batchGet(List<String> keys, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(keys.size(), from + 100)).stream()
                    .distinct().map(id -> Map.of(FlowConfigItems.ID, AttributeValue.fromS(id))).toList();
            Map<String, KeysAndAttributes> pending = Map.of(tableName,
                    KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new StoreUnavailableException("BatchGetItem on " + tableName + " kept leaving keys", null);
                }
                backOff(attempt);
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = call(() -> dynamoDb.batchGetItem(b -> b.requestItems(request)),
                        "BatchGetItem");
                response.responses().getOrDefault(tableName, List.of()).forEach(each);
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
    }

    @Override
    public void commit(List<Change> changes) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (Change change : changes) {
            Map<String, AttributeValue> next = change.next() == null ? null : item(change);
            if (next != null) {
                items.add(TransactWriteItem.builder().put(put -> {
                    put.tableName(tableName).item(next);
                    expectStored(put::conditionExpression, put::expressionAttributeNames,
                            put::expressionAttributeValues, change.previous());
                }).build());
            } else {
                items.add(TransactWriteItem.builder().delete(delete -> {
                    delete.tableName(tableName).key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(change.id())));
                    expectStored(delete::conditionExpression, delete::expressionAttributeNames,
                            delete::expressionAttributeValues, change.previous());
                }).build());
            }
            if (change.previous() != null) {
                items.add(TransactWriteItem.builder().put(put -> put.tableName(historyTable)
                        .item(archived(FlowConfigItems.toItem(change.previous()), change.at(), change.by(),
                                change.reason()))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", FlowConfigItems.ID))).build());
            }
        }
        int configItems = items.size();
        List<String> calendars = usedByUpdates(changes, items);
        transact(items, index -> index < configItems ? new ConflictException(changeAt(changes, index).id())
                : new CalendarUnavailableException(calendars.get(index - configItems)));
    }

    /**
     * One update per calendar whose {@code usedBy} the changes add to or take from (a transaction may touch an item
     * once): the calendar must exist, and have room for the configs added.
     */
    private List<String> usedByUpdates(List<Change> changes, List<TransactWriteItem> items) {
        Map<String, List<String>> added = new LinkedHashMap<>();
        Map<String, List<String>> removed = new LinkedHashMap<>();
        for (Change change : changes) {
            change.calendarsAdded().forEach(c -> added.computeIfAbsent(c, k -> new ArrayList<>()).add(change.id()));
            change.calendarsRemoved().forEach(c -> removed.computeIfAbsent(c, k -> new ArrayList<>())
                    .add(change.id()));
        }
        List<String> calendars = new ArrayList<>(added.keySet());
        removed.keySet().stream().filter(c -> !added.containsKey(c)).forEach(calendars::add);
        for (String calendar : calendars) {
            Map<String, String> names = new HashMap<>(Map.of("#id", FlowConfigItems.ID, "#u", CalendarItems.USED_BY,
                    "#r", CalendarItems.USED_BY_REVISION));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1")));
            List<String> sets = new ArrayList<>();
            List<String> removes = new ArrayList<>();
            String condition = "attribute_exists(#id)";
            List<String> adding = added.getOrDefault(calendar, List.of());
            for (int i = 0; i < adding.size(); i++) {
                names.put("#a" + i, adding.get(i));
                sets.add("#u.#a" + i + " = :t");
                values.put(":t", AttributeValue.fromBool(true));
            }
            if (!adding.isEmpty()) {
                condition += " AND size(#u) <= :room";
                values.put(":room", AttributeValue.fromN(Integer.toString(CalendarItems.MAX_USES - adding.size())));
            }
            List<String> removing = removed.getOrDefault(calendar, List.of());
            for (int i = 0; i < removing.size(); i++) {
                names.put("#d" + i, removing.get(i));
                removes.add("#u.#d" + i);
            }
            String update = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ")
                    + (removes.isEmpty() ? "" : "REMOVE " + String.join(", ", removes) + " ") + "ADD #r :one";
            String finalCondition = condition;
            items.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                    .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(CalendarItems.key(calendar))))
                    .updateExpression(update).conditionExpression(finalCondition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)).build());
        }
        return calendars;
    }

    /**
     * Commits {@code items} as one transaction, retried only when it raced another; a failed condition is answered
     * by {@code conditionFailed} with the index of the item whose condition failed.
     */
    private void transact(List<TransactWriteItem> items, java.util.function.IntFunction<RuntimeException>
            conditionFailed) {
        // One token for this transaction, sent with every attempt: DynamoDB answers a re-sent committed transaction
        // as the success it was (for 10 minutes), and no other write ever carries it.
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            try {
                backOff(attempt);
                dynamoDb.transactWriteItems(request -> request.transactItems(items).clientRequestToken(token));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        throw conditionFailed.apply(i);
                    }
                }
                boolean raced = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!raced || attempt >= CONFLICT_RETRIES) {
                    throw new StoreUnavailableException("TransactWriteItems was cancelled: " + reasons.stream()
                            .map(CancellationReason::code).toList(), e);
                }
            } catch (AwsServiceException e) {
                if (refusesTheRequest(e)) {
                    // Sending it again cannot help: say so, rather than "unavailable, try again".
                    throw new IllegalStateException("DynamoDB refused TransactWriteItems on " + tableName + ": "
                            + e.awsErrorDetails().errorCode(), e);
                }
                throw new StoreUnavailableException("TransactWriteItems on " + tableName + " failed", e);
            } catch (SdkException e) {
                throw new StoreUnavailableException("TransactWriteItems on " + tableName + " failed", e);
            }
        }
    }

    @Override
    public Map<String, HolidayCalendar> findCalendars(Collection<String> ids) {
        Map<String, HolidayCalendar> found = new LinkedHashMap<>();
        batchGet(ids.stream().distinct().map(CalendarItems::key).toList(), item -> {
            HolidayCalendar calendar = CalendarItems.fromItem(item);
            found.put(calendar.id(), calendar);
        });
        return found;
    }

    @Override
    public Optional<StoredCalendar> findCalendar(String id) {
        GetItemResponse response = call(() -> dynamoDb.getItem(request -> request.tableName(tableName)
                .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(CalendarItems.key(id)))).consistentRead(true)),
                "GetItem");
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(new StoredCalendar(CalendarItems.fromItem(response.item()),
                        CalendarItems.usedBy(response.item()), CalendarItems.usedByRevision(response.item())))
                : Optional.empty();
    }

    @Override
    public CalendarPage calendars(String prefix, String afterId, int maxItems) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(FlowConfigItems.CATALOG_INDEX)
                .keyConditionExpression("#c = :c AND begins_with(#id, :p)")
                .expressionAttributeNames(Map.of("#c", FlowConfigItems.CATALOG, "#id", FlowConfigItems.ID))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(CalendarItems.CATALOG_VALUE),
                        ":p", AttributeValue.fromS(CalendarItems.key(prefix == null ? "" : prefix))))
                .limit(maxItems);
        if (afterId != null) {
            request.exclusiveStartKey(Map.of(FlowConfigItems.CATALOG, AttributeValue.fromS(CalendarItems.CATALOG_VALUE),
                    FlowConfigItems.ID, AttributeValue.fromS(CalendarItems.key(afterId))));
        }
        QueryResponse response = query(request.build());
        List<HolidayCalendar> items = response.items().stream().map(CalendarItems::fromItem).toList();
        String last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? text(response.lastEvaluatedKey().get(FlowConfigItems.ID)).substring(CalendarItems.KEY_PREFIX
                        .length()) : null;
        return new CalendarPage(items, last);
    }

    @Override
    public void commit(CalendarChange change) {
        List<TransactWriteItem> items = new ArrayList<>();
        String key = CalendarItems.key(change.id());
        StoredCalendar previous = change.previous();
        Map<String, String> names = new HashMap<>(Map.of("#id", FlowConfigItems.ID));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_not_exists(#id)";
        if (previous != null) {
            // The version the caller saw, and no config began or stopped using the calendar since it was read.
            condition = "#v = :v AND #r = :r";
            names = Map.of("#v", FlowConfigItems.VERSION, "#r", CalendarItems.USED_BY_REVISION);
            values.put(":v", AttributeValue.fromN(Long.toString(previous.calendar().version())));
            values.put(":r", AttributeValue.fromN(Long.toString(previous.usedByRevision())));
        }
        String finalCondition = condition;
        Map<String, String> finalNames = names;
        Map<String, AttributeValue> finalValues = values.isEmpty() ? null : values;
        if (change.next() != null) {
            Map<String, AttributeValue> item = CalendarItems.toCurrentItem(change.next(),
                    previous == null ? java.util.Set.of() : previous.usedBy(),
                    previous == null ? 0 : previous.usedByRevision());
            items.add(TransactWriteItem.builder().put(put -> put.tableName(tableName).item(item)
                    .conditionExpression(finalCondition).expressionAttributeNames(finalNames)
                    .expressionAttributeValues(finalValues)).build());
        } else {
            items.add(TransactWriteItem.builder().delete(delete -> delete.tableName(tableName)
                    .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(key)))
                    .conditionExpression(finalCondition).expressionAttributeNames(finalNames)
                    .expressionAttributeValues(finalValues)).build());
        }
        if (previous != null) {
            items.add(TransactWriteItem.builder().put(put -> put.tableName(historyTable)
                    .item(archived(CalendarItems.toItem(previous.calendar()), change.at(), change.by(),
                            change.reason()))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", FlowConfigItems.ID))).build());
        }
        transact(items, index -> new ConflictException(key));
    }

    @Override
    public Optional<HolidayCalendar> archivedCalendar(String id, long version) {
        return archivedItem(CalendarItems.key(id), version).map(CalendarItems::fromItem);
    }

    /**
     * What one change adds to its transaction, counted as DynamoDB counts a transaction's size: the new item and the
     * history copy of the previous one (a delete carries only the copy).
     */
    @Override
    public long transactionBytes(Change change) {
        long bytes = change.next() == null ? 0 : ItemSize.of(item(change));
        // A calendar's usedBy update carries little more than the config's id and the calendar's key.
        bytes += change.calendarsTouched().size() * 512L;
        return bytes + (change.previous() == null ? 0 : ItemSize.of(archived(FlowConfigItems.toItem(
                change.previous()), change.at(), change.by(), change.reason())));
    }

    /**
     * The item a change stores: the config, and the summary of its status as of the change (every write path
     * commits here, so every write keeps it current).
     */
    private static Map<String, AttributeValue> item(Change change) {
        Map<String, AttributeValue> item = FlowConfigItems.toItem(change.next());
        String status = ListStatus.of(change.next(), Instant.parse(change.at()));
        if (status != null) {
            item.put(ListStatus.ATTRIBUTE, AttributeValue.fromS(status));
        }
        return item;
    }

    /** A 4xx that is not throttling: the request itself is wrong (too large, invalid), not the moment. */
    private static boolean refusesTheRequest(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 400 && ("ValidationException".equals(code)
                || "IdempotentParameterMismatchException".equals(code));
    }

    @Override
    public long latestArchivedVersion(String id) {
        QueryResponse response = query(QueryRequest.builder()
                .tableName(historyTable)
                .keyConditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", FlowConfigItems.ID))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .build());
        return response.items().isEmpty() ? 0 : number(response.items().get(0).get(FlowConfigItems.VERSION));
    }

    @Override
    public HistoryPage history(String id, Long beforeVersion, int limit) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(historyTable)
                .keyConditionExpression("#id = :id")
                .projectionExpression("#v, #ua, #ub, #aa, #ab, #why")
                .expressionAttributeNames(Map.of("#id", FlowConfigItems.ID, "#v", FlowConfigItems.VERSION,
                        "#ua", FlowConfigItems.UPDATED_AT, "#ub", FlowConfigItems.UPDATED_BY, "#aa", ARCHIVED_AT,
                        "#ab", ARCHIVED_BY, "#why", ARCHIVED_BECAUSE))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))
                .scanIndexForward(false)
                .limit(limit)
                .consistentRead(true);
        if (beforeVersion != null) {
            request.exclusiveStartKey(Map.of(FlowConfigItems.ID, AttributeValue.fromS(id),
                    FlowConfigItems.VERSION, AttributeValue.fromN(Long.toString(beforeVersion))));
        }
        QueryResponse response = query(request.build());
        List<HistoryEntry> entries = response.items().stream().map(item -> new HistoryEntry(
                number(item.get(FlowConfigItems.VERSION)), text(item.get(FlowConfigItems.UPDATED_AT)),
                text(item.get(FlowConfigItems.UPDATED_BY)), text(item.get(ARCHIVED_AT)), text(item.get(ARCHIVED_BY)),
                text(item.get(ARCHIVED_BECAUSE)))).toList();
        Long last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? number(response.lastEvaluatedKey().get(FlowConfigItems.VERSION)) : null;
        return new HistoryPage(entries, last);
    }

    @Override
    public Optional<FlowConfig> archivedVersion(String id, long version) {
        return archivedItem(id, version).map(FlowConfigItems::fromItem);
    }

    private Optional<Map<String, AttributeValue>> archivedItem(String key, long version) {
        GetItemResponse response = call(() -> dynamoDb.getItem(request -> request
                .tableName(historyTable)
                .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(key),
                        FlowConfigItems.VERSION, AttributeValue.fromN(Long.toString(version))))
                .consistentRead(true)), "GetItem");
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** A previous state as a history item, with who replaced it, when and why; not in the catalog. */
    private static Map<String, AttributeValue> archived(Map<String, AttributeValue> previous, String at, String by,
            String reason) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(previous);
        item.remove(FlowConfigItems.CATALOG);
        item.remove(FlowConfigItems.EMERGENCY);
        item.put(ARCHIVED_AT, AttributeValue.fromS(at));
        item.put(ARCHIVED_BY, AttributeValue.fromS(by));
        item.put(ARCHIVED_BECAUSE, AttributeValue.fromS(reason));
        return item;
    }

    private interface Setter<T> {
        void set(T value);
    }

    /** The current item must be absent (create) or still at the version the change was based on. */
    private static void expectStored(Setter<String> condition, Setter<Map<String, String>> names,
            Setter<Map<String, AttributeValue>> values, FlowConfig previous) {
        if (previous == null) {
            condition.set("attribute_not_exists(#id)");
            names.set(Map.of("#id", FlowConfigItems.ID));
        } else {
            condition.set("#v = :expected");
            names.set(Map.of("#v", FlowConfigItems.VERSION));
            values.set(Map.of(":expected", AttributeValue.fromN(Long.toString(previous.version()))));
        }
    }

    /** The change that the {@code index}-th transaction item belongs to. */
    private static Change changeAt(List<Change> changes, int index) {
        int item = 0;
        for (Change change : changes) {
            item += change.previous() != null ? 2 : 1;
            if (index < item) {
                return change;
            }
        }
        return changes.get(changes.size() - 1);
    }

    private QueryResponse query(QueryRequest request) {
        return call(() -> dynamoDb.query(request), "Query");
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> call, String operation) {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB " + operation + " failed", e);
        }
    }

    private static void backOff(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while retrying", e);
        }
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static long number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
