package dev.connectconfig.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.model.VariableType;
import dev.connectconfig.core.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JSON form of a flow config, read strictly: a field of the wrong type or one this model does not know is a
 * {@link Violation}, never silently dropped, so a typo in an import cannot lose data.
 */
public final class FlowConfigJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> FIELDS = Set.of("id", "description", "variables", "schema", "prompts",
            "defaultLanguage", "version", "updatedAt", "updatedBy", "timeZone", "schedules");
    private static final Set<String> PROMPT_FIELDS = Set.of("voice", "chat");
    private static final Set<String> SCHEMA_FIELDS = Set.of("type", "options");

    private FlowConfigJson() {
    }

    public static ObjectNode toJson(FlowConfig config) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", config.id());
        node.put("description", config.description());
        ObjectNode variables = node.putObject("variables");
        config.variables().forEach(variables::put);
        if (!config.schema().isEmpty()) {
            ObjectNode schema = node.putObject("schema");
            config.schema().forEach((name, definition) -> {
                ObjectNode entry = schema.putObject(name);
                entry.put("type", definition.type() == null ? null : definition.type().wireName());
                if (!definition.options().isEmpty()) {
                    ArrayNode options = entry.putArray("options");
                    definition.options().forEach(options::add);
                }
            });
        }
        ObjectNode prompts = node.putObject("prompts");
        config.prompts().forEach((name, languages) -> {
            ObjectNode byLanguage = prompts.putObject(name);
            languages.forEach((language, text) -> {
                ObjectNode entry = byLanguage.putObject(language);
                entry.put("voice", text.voice());
                if (text.chat() != null) {
                    entry.put("chat", text.chat());
                }
            });
        });
        node.put("defaultLanguage", config.effectiveDefaultLanguage());
        if (config.timeZone() != null) {
            node.put("timeZone", config.timeZone());
        }
        if (!config.schedules().isEmpty()) {
            node.set("schedules", ScheduleJson.toJson(config.schedules()));
        }
        node.put("version", config.version());
        if (config.updatedAt() != null) {
            node.put("updatedAt", config.updatedAt());
        }
        if (config.updatedBy() != null) {
            node.put("updatedBy", config.updatedBy());
        }
        return node;
    }

    /**
     * Every {@code *.json} flow config in {@code folder}, by file name (the samples in {@code events/flow-configs/});
     * a file that is not a valid config is an error naming it.
     */
    public static List<FlowConfig> readFolder(Path folder) {
        List<FlowConfig> configs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                List<Violation> violations = new ArrayList<>();
                FlowConfig config = fromJson(MAPPER.readTree(file.toFile()), violations);
                if (!violations.isEmpty()) {
                    throw new IllegalStateException(file + ": " + violations);
                }
                configs.add(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return configs;
    }

    /**
     * Reads a config, adding to {@code violations} what is wrong with its shape. The result is only meaningful when
     * no violation was added; the content rules are {@code FlowConfigValidator}'s.
     */
    public static FlowConfig fromJson(JsonNode node, List<Violation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new Violation("", "must be a JSON object"));
            return null;
        }
        unknownFields(node, FIELDS, "", violations);
        Map<String, String> variables = new LinkedHashMap<>();
        forEachField(node, "variables", violations, (name, value) -> {
            if (value.isTextual()) {
                variables.put(name, value.textValue());
            } else {
                violations.add(new Violation("variables." + name, "must be a string"));
            }
        });
        Map<String, VariableDefinition> schema = new LinkedHashMap<>();
        forEachField(node, "schema", violations, (name, value) -> schema.put(name,
                definition("schema." + name, value, violations)));
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        forEachField(node, "prompts", violations, (name, value) -> {
            Map<String, PromptText> byLanguage = new LinkedHashMap<>();
            if (!value.isObject()) {
                violations.add(new Violation("prompts." + name, "must be an object of languages"));
            } else {
                value.properties().forEach(language -> byLanguage.put(language.getKey(),
                        prompt("prompts." + name + "." + language.getKey(), language.getValue(), violations)));
            }
            prompts.put(name, byLanguage);
        });
        long version = 0;
        JsonNode versionNode = node.get("version");
        if (versionNode != null && !versionNode.isNull()) {
            if (versionNode.canConvertToExactIntegral() && versionNode.asLong() >= 0) {
                version = versionNode.asLong();
            } else {
                violations.add(new Violation("version", "must be a whole number"));
            }
        }
        return new FlowConfig(
                text(node, "id", violations),
                text(node, "description", violations),
                variables, schema, prompts,
                text(node, "defaultLanguage", violations),
                version,
                text(node, "updatedAt", violations),
                text(node, "updatedBy", violations),
                text(node, "timeZone", violations),
                ScheduleJson.fromJson(node.get("schedules"), "schedules", violations));
    }

    private static VariableDefinition definition(String field, JsonNode value, List<Violation> violations) {
        if (!value.isObject()) {
            violations.add(new Violation(field, "must be an object with a type"));
            return new VariableDefinition(null, List.of());
        }
        unknownFields(value, SCHEMA_FIELDS, field + ".", violations);
        String typeName = text(value, "type", violations, field + ".");
        VariableType type = typeName == null ? null : VariableType.fromWireName(typeName).orElse(null);
        if (typeName != null && type == null) {
            violations.add(new Violation(field + ".type", "must be one of text, number, boolean, select"));
        }
        List<String> options = new ArrayList<>();
        JsonNode optionsNode = value.get("options");
        if (optionsNode != null && !optionsNode.isNull()) {
            if (!optionsNode.isArray()) {
                violations.add(new Violation(field + ".options", "must be a list of strings"));
            } else {
                for (JsonNode option : optionsNode) {
                    if (option.isTextual()) {
                        options.add(option.textValue());
                    } else {
                        violations.add(new Violation(field + ".options", "must be a list of strings"));
                    }
                }
            }
        }
        return new VariableDefinition(type, options);
    }

    private static PromptText prompt(String field, JsonNode value, List<Violation> violations) {
        if (!value.isObject()) {
            violations.add(new Violation(field, "must be an object with voice and optional chat"));
            return new PromptText(null, null);
        }
        unknownFields(value, PROMPT_FIELDS, field + ".", violations);
        return new PromptText(text(value, "voice", violations, field + "."),
                text(value, "chat", violations, field + "."));
    }

    private interface FieldVisitor {
        void visit(String name, JsonNode value);
    }

    private static void forEachField(JsonNode node, String field, List<Violation> violations, FieldVisitor visitor) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            violations.add(new Violation(field, "must be an object"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            visitor.visit(entry.getKey(), entry.getValue());
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<Violation> violations) {
        JsonFields.unknown(node, known, prefix, violations);
    }

    private static String text(JsonNode node, String field, List<Violation> violations) {
        return text(node, field, violations, "");
    }

    private static String text(JsonNode node, String field, List<Violation> violations, String prefix) {
        return JsonFields.text(node, field, prefix, violations);
    }
}
