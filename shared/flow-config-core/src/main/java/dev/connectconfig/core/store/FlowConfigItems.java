package dev.connectconfig.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.ScheduleJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.model.VariableType;
import dev.connectconfig.core.schedule.ScheduleCalendar;
import dev.connectconfig.core.schedule.ScheduledConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a flow config to and from its DynamoDB item by hand: native maps, so the item stays readable in the console,
 * and no reflection on GetConfig's cold path.
 */
public final class FlowConfigItems {

    public static final String ID = "id";
    public static final String DESCRIPTION = "description";
    public static final String VARIABLES = "variables";
    public static final String SCHEMA = "schema";
    public static final String PROMPTS = "prompts";
    public static final String DEFAULT_LANGUAGE = "defaultLanguage";
    public static final String VERSION = "version";
    public static final String UPDATED_AT = "updatedAt";
    public static final String UPDATED_BY = "updatedBy";
    public static final String TIME_ZONE = "timeZone";
    /** The schedules as their JSON text: one readable attribute, parsed only for configs that have schedules. */
    public static final String SCHEDULES = "schedules";
    /** Same value on every config: the partition key of the {@link #CATALOG_INDEX} index that lists configs in id order. */
    public static final String CATALOG = "catalog";
    public static final String CATALOG_VALUE = "flow-config";
    public static final String CATALOG_INDEX = "catalog-id";
    /**
     * Only on a config whose first schedule is the emergency switch's ({@code emergency}, a window): projected, with
     * the switch's end, into the catalog's {@code catalog-status} index, from which the configs in emergency are listed.
     */
    public static final String EMERGENCY = "emergency";
    public static final String EMERGENCY_VALUE = "on";
    /** The emergency's end as an ISO instant; absent when it has none. */
    public static final String EMERGENCY_UNTIL = "emergencyUntil";
    private static final String TYPE = "type";
    private static final String OPTIONS = "options";
    private static final String VOICE = "voice";
    private static final String CHAT = "chat";

    private FlowConfigItems() {
    }

    public static Map<String, AttributeValue> toItem(FlowConfig config) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ID, s(config.id()));
        putIfPresent(item, DESCRIPTION, config.description());
        Map<String, AttributeValue> variables = new LinkedHashMap<>();
        config.variables().forEach((name, value) -> variables.put(name, s(value)));
        item.put(VARIABLES, m(variables));
        if (!config.schema().isEmpty()) {
            Map<String, AttributeValue> schema = new LinkedHashMap<>();
            config.schema().forEach((name, definition) -> {
                // A config that breaks the rules is never stored, but its size is judged first: nothing here fails.
                Map<String, AttributeValue> entry = new LinkedHashMap<>();
                if (definition != null && definition.type() != null) {
                    entry.put(TYPE, s(definition.type().wireName()));
                }
                if (definition != null && !definition.options().isEmpty()) {
                    entry.put(OPTIONS, AttributeValue.fromL(definition.options().stream().map(FlowConfigItems::s)
                            .toList()));
                }
                schema.put(name, m(entry));
            });
            item.put(SCHEMA, m(schema));
        }
        Map<String, AttributeValue> prompts = new LinkedHashMap<>();
        config.prompts().forEach((name, languages) -> {
            Map<String, AttributeValue> byLanguage = new LinkedHashMap<>();
            languages.forEach((language, text) -> {
                Map<String, AttributeValue> entry = new LinkedHashMap<>();
                if (text != null) {
                    putIfPresent(entry, VOICE, text.voice());
                    putIfPresent(entry, CHAT, text.chat());
                }
                byLanguage.put(language, m(entry));
            });
            prompts.put(name, m(byLanguage));
        });
        item.put(PROMPTS, m(prompts));
        putIfPresent(item, DEFAULT_LANGUAGE, config.defaultLanguage());
        item.put(VERSION, AttributeValue.fromN(Long.toString(config.version())));
        putIfPresent(item, UPDATED_AT, config.updatedAt());
        putIfPresent(item, UPDATED_BY, config.updatedBy());
        putIfPresent(item, TIME_ZONE, config.timeZone());
        if (!config.schedules().isEmpty()) {
            item.put(SCHEDULES, s(ScheduleJson.toJson(config.schedules()).toString()));
        }
        item.put(CATALOG, s(CATALOG_VALUE));
        if (!config.schedules().isEmpty() && EMERGENCY.equals(config.schedules().get(0).name())
                && config.schedules().get(0).when() instanceof ScheduleWhen.Window window && window.from() != null) {
            item.put(EMERGENCY, s(EMERGENCY_VALUE));
            if (window.to() != null) {
                item.put(EMERGENCY_UNTIL, s(ScheduleCalendar.instant(window.to(), ScheduledConfig.zone(config,
                        config.schedules().get(0))).toString()));
            }
        }
        return item;
    }

    public static FlowConfig fromItem(Map<String, AttributeValue> item) {
        Map<String, String> variables = new LinkedHashMap<>();
        map(item.get(VARIABLES)).forEach((name, value) -> variables.put(name, value.s()));

        Map<String, VariableDefinition> schema = new LinkedHashMap<>();
        map(item.get(SCHEMA)).forEach((name, value) -> {
            Map<String, AttributeValue> entry = map(value);
            VariableType type = VariableType.fromWireName(string(entry.get(TYPE))).orElse(null);
            List<String> options = new ArrayList<>();
            if (entry.get(OPTIONS) != null && entry.get(OPTIONS).hasL()) {
                entry.get(OPTIONS).l().forEach(option -> options.add(option.s()));
            }
            schema.put(name, new VariableDefinition(type, options));
        });

        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        map(item.get(PROMPTS)).forEach((name, value) -> {
            Map<String, PromptText> byLanguage = new LinkedHashMap<>();
            map(value).forEach((language, text) -> {
                Map<String, AttributeValue> entry = map(text);
                byLanguage.put(language, new PromptText(string(entry.get(VOICE)), string(entry.get(CHAT))));
            });
            prompts.put(name, byLanguage);
        });

        AttributeValue version = item.get(VERSION);
        return new FlowConfig(
                string(item.get(ID)),
                string(item.get(DESCRIPTION)),
                variables,
                schema,
                prompts,
                string(item.get(DEFAULT_LANGUAGE)),
                version == null || version.n() == null ? 0 : Long.parseLong(version.n()),
                string(item.get(UPDATED_AT)),
                string(item.get(UPDATED_BY)),
                string(item.get(TIME_ZONE)),
                schedules(string(item.get(SCHEDULES))));
    }

    private static List<Schedule> schedules(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return ScheduleJson.fromJson(FlowConfigJson.MAPPER.readTree(json), SCHEDULES, new ArrayList<>());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored schedules are not JSON", e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue m(Map<String, AttributeValue> value) {
        return AttributeValue.fromM(value);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String string(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> map(AttributeValue value) {
        return value == null || !value.hasM() ? Map.of() : value.m();
    }
}
