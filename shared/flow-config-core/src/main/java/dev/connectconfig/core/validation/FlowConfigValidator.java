package dev.connectconfig.core.validation;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.model.VariableType;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.RenderedConfig;
import dev.connectconfig.core.render.ResultKeys;
import dev.connectconfig.core.render.Ssml;
import dev.connectconfig.core.schedule.ScheduledConfig;
import dev.connectconfig.core.store.ItemSize;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every stored flow config obeys. The server is the authority: whatever a UI checks, this runs on every
 * write, and a config that breaks any rule is not stored.
 */
public final class FlowConfigValidator {

    /** Queue names, dialled numbers ({@code +18005550100}), flow names: letters, digits and {@code + _ - . :}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9+_.:-]{1,128}");
    /** Names become {@code $.External.<name>} in a flow, so they are plain identifiers. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    public static final int MAX_DESCRIPTION = 1024;
    /**
     * DynamoDB refuses items over 400 KB; a config stays well under it as stored ({@link ItemSize}), leaving room for
     * the attributes its history copy adds.
     */
    public static final int MAX_ITEM_BYTES = 300 * 1024;

    private FlowConfigValidator() {
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !".".equals(id) && !"..".equals(id);
    }

    public static List<Violation> validate(FlowConfig config) {
        List<Violation> violations = new ArrayList<>();
        if (!isValidId(config.id())) {
            violations.add(new Violation("id",
                    "must be 1-128 characters of letters, digits and + _ - . : (and not . or ..)"));
        }
        if (config.description() == null || config.description().isBlank()) {
            violations.add(new Violation("description", "is required"));
        } else if (config.description().length() > MAX_DESCRIPTION) {
            violations.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (config.defaultLanguage() != null && !LanguageTags.isValid(config.defaultLanguage())) {
            violations.add(new Violation("defaultLanguage", "must be a BCP 47 language tag such as en-US"));
        }
        checkCharacters(config, violations);
        checkNames(config, violations);
        checkVariables(config, violations);
        checkPrompts(config, violations);
        ScheduleRules.check(config, violations);
        if (violations.isEmpty()) {
            checkSizes(config, violations);
        }
        return violations;
    }

    /**
     * Text is stored and served exactly as sent: an unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as
     * {@code ?}), and control characters other than newline and tab have no place in a prompt or a value.
     */
    private static void checkCharacters(FlowConfig config, List<Violation> violations) {
        checkText("description", config.description(), violations);
        config.variables().forEach((name, value) -> checkText("variables." + name, value, violations));
        config.schema().forEach((name, definition) -> {
            if (definition != null) {
                definition.options().forEach(option -> checkText("schema." + name + ".options", option,
                        violations));
            }
        });
        config.prompts().forEach((name, languages) -> {
            if (languages != null) {
                languages.forEach((language, text) -> {
                    if (text != null) {
                        checkText("prompts." + name + "." + language + ".voice", text.voice(), violations);
                        checkText("prompts." + name + "." + language + ".chat", text.chat(), violations);
                    }
                });
            }
        });
    }

    /** Adds at most one violation for {@code text}: the first character that cannot be stored as it is. */
    public static void checkText(String field, String text, List<Violation> violations) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                violations.add(new Violation(field, String.format(java.util.Locale.ROOT,
                        "has an unpaired UTF-16 surrogate (\\u%04X) at character %d; send the whole character",
                        (int) c, i + 1)));
                return;
            } else if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') {
                violations.add(new Violation(field, String.format(java.util.Locale.ROOT,
                        "has the control character U+%04X at character %d; only newline and tab are allowed",
                        (int) c, i + 1)));
                return;
            }
        }
    }

    private static void checkNames(FlowConfig config, List<Violation> violations) {
        for (String name : config.variables().keySet()) {
            checkName("variables." + name, name, violations);
        }
        for (String name : config.prompts().keySet()) {
            checkName("prompts." + name, name, violations);
            if (config.variables().containsKey(name)) {
                violations.add(new Violation("prompts." + name,
                        "a variable has the same name; names must be unique across variables and prompts"));
            }
        }
    }

    static void checkName(String field, String name, List<Violation> violations) {
        if (!NAME.matcher(name).matches()) {
            violations.add(new Violation(field,
                    "names start with a letter and have up to 64 letters, digits or underscores"));
        } else if (ResultKeys.RESERVED.contains(name)) {
            violations.add(new Violation(field, "'" + name + "' is reserved for GetConfig's own result keys"));
        }
    }

    private static void checkVariables(FlowConfig config, List<Violation> violations) {
        config.variables().forEach((name, value) -> {
            if (value == null) {
                violations.add(new Violation("variables." + name, "must be a string"));
            }
        });
        Map<String, VariableDefinition> schema = config.schema();
        if (schema.isEmpty()) {
            return;
        }
        for (Map.Entry<String, VariableDefinition> entry : schema.entrySet()) {
            String field = "schema." + entry.getKey();
            VariableDefinition definition = entry.getValue();
            if (!config.variables().containsKey(entry.getKey())) {
                violations.add(new Violation(field, "describes a variable that does not exist"));
            }
            if (definition == null || definition.type() == null) {
                violations.add(new Violation(field + ".type", "must be one of text, number, boolean, select"));
                continue;
            }
            if (definition.type() == VariableType.SELECT) {
                if (definition.options().isEmpty()) {
                    violations.add(new Violation(field + ".options", "a select needs at least one option"));
                } else if (new HashSet<>(definition.options()).size() != definition.options().size()) {
                    violations.add(new Violation(field + ".options", "options must be distinct strings"));
                }
            } else if (!definition.options().isEmpty()) {
                violations.add(new Violation(field + ".options", "only a select has options"));
            }
        }
        config.variables().forEach((name, value) -> {
            VariableDefinition definition = schema.get(name);
            if (definition == null) {
                violations.add(new Violation("schema." + name, "every variable needs a type when a schema is given"));
            } else if (value != null && definition.type() != null && !fits(value, definition)) {
                violations.add(new Violation("variables." + name, describe(definition)));
            }
        });
    }

    static boolean fits(String value, VariableDefinition definition) {
        return switch (definition.type()) {
            case TEXT -> true;
            case BOOLEAN -> "true".equals(value) || "false".equals(value);
            case SELECT -> definition.options().contains(value);
            case NUMBER -> isNumber(value);
        };
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value.trim());
            return !value.isBlank() && value.equals(value.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String describe(VariableDefinition definition) {
        return switch (definition.type()) {
            case TEXT -> "must be text";
            case BOOLEAN -> "must be \"true\" or \"false\"";
            case NUMBER -> "must be a number such as 42 or 3.5";
            case SELECT -> "must be one of " + String.join(", ", definition.options());
        };
    }

    private static void checkPrompts(FlowConfig config, List<Violation> violations) {
        config.prompts().forEach((name, languages) -> {
            String field = "prompts." + name;
            if (languages == null || languages.isEmpty()) {
                violations.add(new Violation(field, "a prompt needs at least one language"));
                return;
            }
            Set<String> seen = new HashSet<>();
            languages.forEach((language, text) -> {
                String languageField = field + "." + language;
                if (!LanguageTags.isValid(language)) {
                    violations.add(new Violation(languageField, "must be a BCP 47 language tag such as en-US"));
                } else if (!seen.add(language.toLowerCase(java.util.Locale.ROOT))) {
                    violations.add(new Violation(languageField, "the same language appears twice"));
                }
                checkPromptText(languageField, text, violations);
            });
        });
    }

    private static void checkPromptText(String field, PromptText text, List<Violation> violations) {
        if (text == null || text.voice() == null || text.voice().isBlank()) {
            violations.add(new Violation(field + ".voice", "is required"));
            return;
        }
        if (Ssml.isSsml(text.voice())) {
            Ssml.problem(text.voice()).ifPresent(problem -> violations.add(new Violation(field + ".voice", problem)));
        }
    }

    /**
     * Every language a caller could be served, on a spoken and a text channel, must fit Connect's 32 KB at every
     * instant: measured with the longest value any combination of schedules can serve and every schedule named.
     */
    /** A private-use language tag of the greatest length a caller's language may have (35 characters). */
    static final String UNSERVED_LANGUAGE = "qaa-x-aaaaaaaa-aaaaaaaa-aaaaaaaa-aa";

    private static void checkSizes(FlowConfig config, List<Violation> violations) {
        ScheduledConfig largest = ScheduledConfig.largest(config);
        Set<String> languages = new LinkedHashSet<>();
        languages.add(config.effectiveDefaultLanguage());
        config.prompts().values().forEach(byLanguage -> languages.addAll(byLanguage.keySet()));
        // A caller whose language no prompt has gets every prompt named in fallbackPrompts, and the longest tag.
        languages.add(UNSERVED_LANGUAGE);
        for (String language : languages) {
            for (Channel channel : new Channel[] {Channel.VOICE, Channel.CHAT}) {
                RenderedConfig rendered = FlowConfigRenderer.render(largest, language, channel);
                if (!rendered.fitsConnectLimit()) {
                    boolean ownFits = FlowConfigRenderer.render(config, language, channel).fitsConnectLimit();
                    String who = UNSERVED_LANGUAGE.equals(language) ? "a caller whose language no prompt has" : language;
                    violations.add(new Violation(ownFits ? "schedules" : "prompts", "for " + who + " on "
                            + channel.name().toLowerCase(java.util.Locale.ROOT)
                            + (ownFits ? " while schedules are active (the longest text each could set, every name "
                                    + "in activeSchedules)" : "") + ": " + rendered.tooLargeMessage()));
                    return;
                }
            }
        }
        sizeProblem(config).ifPresent(violations::add);
    }

    /**
     * The one size rule: a config larger than {@link #MAX_ITEM_BYTES} as stored, counted exactly by {@link ItemSize},
     * named on the whole config. Its bookkeeping (version, who and when) is set aside: the server writes it, so the
     * same content gets the same verdict whether it is put, imported, restored or switched.
     */
    public static Optional<Violation> sizeProblem(FlowConfig config) {
        return storedBytes(config) > MAX_ITEM_BYTES ? Optional.of(new Violation("",
                "the config is larger than " + MAX_ITEM_BYTES / 1024 + " KB; split it into several configs"))
                : Optional.empty();
    }

    /** What {@link #sizeProblem} measures: the config's item, bookkeeping aside. */
    public static long storedBytes(FlowConfig config) {
        return ItemSize.of(config.withBookkeeping(0, null, null));
    }
}
