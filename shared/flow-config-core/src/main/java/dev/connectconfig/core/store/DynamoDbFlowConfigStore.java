package dev.connectconfig.core.store;

import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.model.FlowConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads flow configs from the table keyed by {@code id}; one strongly consistent GetItem per read. A config whose
 * schedules name calendars is served with them: read with the config in one BatchGetItem when the caller knows which
 * calendars it named last time (GetConfig's cache does), else by a second read after the config's.
 */
public class DynamoDbFlowConfigStore implements FlowConfigStore {

    protected final DynamoDbClient dynamoDb;
    protected final String tableName;

    public DynamoDbFlowConfigStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<FlowConfig> find(String id) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(GetItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(id)))
                    .consistentRead(true)
                    .build());
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB GetItem on " + tableName + " failed", e);
        }
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(FlowConfigItems.fromItem(response.item()))
                : Optional.empty();
    }

    /** What GetConfig reads of an item: everything a config or a calendar is served from, not a calendar's usedBy. */
    private static final List<String> SERVED_ATTRIBUTES = List.of(FlowConfigItems.ID, FlowConfigItems.VARIABLES,
            FlowConfigItems.SCHEMA, FlowConfigItems.PROMPTS, FlowConfigItems.DEFAULT_LANGUAGE, FlowConfigItems.VERSION,
            FlowConfigItems.UPDATED_AT, FlowConfigItems.TIME_ZONE, FlowConfigItems.SCHEDULES, CalendarItems.ENTRIES);
    /** A BatchGetItem may leave keys unprocessed under load; a caller is waiting, so only a few quick retries. */
    private static final int UNPROCESSED_RETRIES = 3;

    @Override
    public Optional<FlowConfig> findServed(String id, Collection<String> calendarHint) {
        if (calendarHint.isEmpty()) {
            Optional<FlowConfig> config = find(id);
            if (config.isEmpty() || !config.get().usesCalendars()) {
                return config;
            }
            return Optional.of(config.get().withCalendars(calendars(batchGet(config.get().calendarIds().stream()
                    .map(CalendarItems::key).toList()))));
        }
        List<String> keys = new ArrayList<>();
        keys.add(id);
        calendarHint.stream().distinct().map(CalendarItems::key).forEach(keys::add);
        Map<String, Map<String, AttributeValue>> items = batchGet(keys);
        Map<String, AttributeValue> item = items.get(id);
        if (item == null) {
            return Optional.empty();
        }
        FlowConfig config = FlowConfigItems.fromItem(item);
        Map<String, HolidayCalendar> calendars = calendars(items);
        List<String> missing = config.calendarIds().stream().filter(c -> !calendarHint.contains(c))
                .map(CalendarItems::key).toList();
        if (!missing.isEmpty()) {
            // The config names a calendar it did not name last time: one more read, this time only.
            calendars.putAll(calendars(batchGet(missing)));
        }
        return Optional.of(config.withCalendars(calendars));
    }

    private static Map<String, HolidayCalendar> calendars(Map<String, Map<String, AttributeValue>> items) {
        Map<String, HolidayCalendar> calendars = new HashMap<>();
        items.forEach((key, item) -> {
            if (CalendarItems.isCalendarKey(key)) {
                HolidayCalendar calendar = CalendarItems.fromItem(item);
                calendars.put(calendar.id(), calendar);
            }
        });
        return calendars;
    }

    /** The items with these keys (at most 100), by key, strongly consistent, without a calendar's usedBy. */
    private Map<String, Map<String, AttributeValue>> batchGet(List<String> keys) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < SERVED_ATTRIBUTES.size(); i++) {
            names.put("#a" + i, SERVED_ATTRIBUTES.get(i));
        }
        Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder()
                .keys(keys.stream().map(key -> Map.of(FlowConfigItems.ID, AttributeValue.fromS(key))).toList())
                .consistentRead(true).projectionExpression(String.join(",", names.keySet()))
                .expressionAttributeNames(names).build());
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > UNPROCESSED_RETRIES) {
                throw new StoreUnavailableException("BatchGetItem on " + tableName + " kept leaving keys", null);
            }
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response;
            try {
                response = dynamoDb.batchGetItem(b -> b.requestItems(request));
            } catch (SdkException e) {
                throw new StoreUnavailableException("DynamoDB BatchGetItem on " + tableName + " failed", e);
            }
            response.responses().getOrDefault(tableName, List.of()).forEach(item ->
                    found.put(item.get(FlowConfigItems.ID).s(), item));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }
}
