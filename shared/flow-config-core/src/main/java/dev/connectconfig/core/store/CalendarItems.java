package dev.connectconfig.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.calendar.CalendarJson;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A calendar's item in the flow-config table: key {@code calendar#<id>} (a config id never holds {@code #}), listed
 * through the catalog index under {@code catalog = calendar}, its entries as their JSON text. {@code usedBy} is the
 * reverse index: a map whose keys are the ids of the configs with a schedule on this calendar, kept by the same
 * transaction that writes the config, so "who uses it" is one strongly consistent read, never a scan.
 * {@code usedByRevision} counts changes to that map, so a calendar write notices a config that began to use it.
 */
public final class CalendarItems {

    public static final String KEY_PREFIX = "calendar#";
    public static final String CATALOG_VALUE = "calendar";
    public static final String ENTRIES = "entries";
    public static final String USED_BY = "usedBy";
    public static final String USED_BY_REVISION = "usedByRevision";
    /** Configs one calendar may serve: its {@code usedBy} map (up to ~130 KB of ids) stays far under 400 KB. */
    public static final int MAX_USES = 1_000;

    private CalendarItems() {
    }

    public static String key(String calendarId) {
        return KEY_PREFIX + calendarId;
    }

    public static boolean isCalendarKey(String key) {
        return key != null && key.startsWith(KEY_PREFIX);
    }

    /** The calendar's own attributes: what the history keeps, and GetConfig reads. */
    public static Map<String, AttributeValue> toItem(HolidayCalendar calendar) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(FlowConfigItems.ID, AttributeValue.fromS(key(calendar.id())));
        if (calendar.description() != null) {
            item.put(FlowConfigItems.DESCRIPTION, AttributeValue.fromS(calendar.description()));
        }
        ArrayList<JsonNode> entries = new ArrayList<>();
        calendar.entries().forEach(entry -> entries.add(CalendarJson.toJson(entry)));
        item.put(ENTRIES, AttributeValue.fromS(FlowConfigJson.MAPPER.valueToTree(entries).toString()));
        item.put(FlowConfigItems.VERSION, AttributeValue.fromN(Long.toString(calendar.version())));
        if (calendar.updatedAt() != null) {
            item.put(FlowConfigItems.UPDATED_AT, AttributeValue.fromS(calendar.updatedAt()));
        }
        if (calendar.updatedBy() != null) {
            item.put(FlowConfigItems.UPDATED_BY, AttributeValue.fromS(calendar.updatedBy()));
        }
        return item;
    }

    /** The current item: the calendar, listed in the catalog, with its reverse index. */
    public static Map<String, AttributeValue> toCurrentItem(HolidayCalendar calendar, Set<String> usedBy,
            long usedByRevision) {
        Map<String, AttributeValue> item = toItem(calendar);
        item.put(FlowConfigItems.CATALOG, AttributeValue.fromS(CATALOG_VALUE));
        Map<String, AttributeValue> uses = new LinkedHashMap<>();
        usedBy.forEach(id -> uses.put(id, AttributeValue.fromBool(true)));
        item.put(USED_BY, AttributeValue.fromM(uses));
        item.put(USED_BY_REVISION, AttributeValue.fromN(Long.toString(usedByRevision)));
        return item;
    }

    public static HolidayCalendar fromItem(Map<String, AttributeValue> item) {
        String key = item.get(FlowConfigItems.ID).s();
        List<Violation> violations = new ArrayList<>();
        JsonNode node = FlowConfigJson.MAPPER.createObjectNode();
        try {
            AttributeValue entries = item.get(ENTRIES);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("entries",
                    FlowConfigJson.MAPPER.readTree(entries == null ? "[]" : entries.s()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored calendar entries are not JSON", e);
        }
        HolidayCalendar read = CalendarJson.fromJson(node, key.substring(KEY_PREFIX.length()), violations);
        AttributeValue version = item.get(FlowConfigItems.VERSION);
        return new HolidayCalendar(read.id(), text(item.get(FlowConfigItems.DESCRIPTION)), read.entries(),
                version == null ? 0 : Long.parseLong(version.n()), text(item.get(FlowConfigItems.UPDATED_AT)),
                text(item.get(FlowConfigItems.UPDATED_BY)));
    }

    /** The ids of the configs that use the calendar, in id order. */
    public static Set<String> usedBy(Map<String, AttributeValue> item) {
        AttributeValue uses = item.get(USED_BY);
        return uses == null || !uses.hasM() ? new TreeSet<>() : new TreeSet<>(uses.m().keySet());
    }

    public static long usedByRevision(Map<String, AttributeValue> item) {
        AttributeValue revision = item.get(USED_BY_REVISION);
        return revision == null || revision.n() == null ? 0 : Long.parseLong(revision.n());
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }
}
