package dev.connectconfig.getconfig;

import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.validation.LanguageTags;
import java.util.Map;

/**
 * What a caller asks GetConfig for, read from an Amazon Connect flow event ({@code Details.Parameters},
 * {@code Details.ContactData}) or from a plain {@code {"id", "lang", "channel"}} object.
 *
 * @param language        the caller's language as a language tag ({@code _} read as {@code -}), or null when no
 *                        source names a plausible one
 * @param ignoredLanguage the first language value that was not a plausible tag, for the log; never answered
 */
record ConfigRequest(String id, String language, Channel channel, String ignoredLanguage) {

    /** The request an event that is not a JSON object stands for. */
    static final ConfigRequest INVALID = new ConfigRequest(null, null, Channel.VOICE);

    ConfigRequest(String id, String language, Channel channel) {
        this(id, language, channel, null);
    }

    @SuppressWarnings("unchecked")
    static ConfigRequest from(Map<String, Object> event) {
        if (event == null) {
            return new ConfigRequest(null, null, Channel.VOICE);
        }
        Object details = event.get("Details");
        if (!(details instanceof Map<?, ?>)) {
            return withLanguage(text(event.get("id")), Channel.parse(text(event.get("channel"))), event.get("lang"));
        }
        Map<String, Object> detailsMap = (Map<String, Object>) details;
        Map<String, Object> parameters = map(detailsMap.get("Parameters"));
        Map<String, Object> contact = map(detailsMap.get("ContactData"));
        Map<String, Object> attributes = map(contact.get("Attributes"));

        String id = text(parameters.get("id"));
        if (id == null) {
            id = text(event.get("id"));
        }
        // The flow's own choice wins, then what the flow stored on the contact, then the contact's language.
        return withLanguage(id, Channel.parse(text(contact.get("Channel"))), parameters.get("lang"),
                attributes.get("lang"), contact.get("LanguageCode"));
    }

    /** The first candidate that is a plausible language tag; anything else counts as absent. */
    private static ConfigRequest withLanguage(String id, Channel channel, Object... candidates) {
        String ignored = null;
        for (Object candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            String tag = candidate instanceof String text ? text.trim().replace('_', '-') : null;
            if (tag != null && tag.isEmpty()) {
                continue;
            }
            if (tag != null && LanguageTags.isValid(tag)) {
                return new ConfigRequest(id, tag, channel, ignored);
            }
            if (ignored == null) {
                ignored = candidate instanceof String text ? text : "(" + typeName(candidate) + ")";
            }
        }
        return new ConfigRequest(id, null, channel, ignored);
    }

    private static String typeName(Object value) {
        return value instanceof Map<?, ?> ? "object" : value instanceof Iterable<?> ? "array"
                : value instanceof Boolean ? "boolean" : "number";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
