package dev.connectconfig.getconfig;

import dev.connectconfig.shared.render.Channel;
import java.util.Map;

/**
 * What a caller asks GetConfig for, read from an Amazon Connect flow event ({@code Details.Parameters},
 * {@code Details.ContactData}) or from a plain {@code {"id", "lang", "channel"}} object.
 *
 * @param language the caller's language, or null when neither the flow nor the contact names one
 */
record ConfigRequest(String id, String language, Channel channel) {

    @SuppressWarnings("unchecked")
    static ConfigRequest from(Map<String, Object> event) {
        if (event == null) {
            return new ConfigRequest(null, null, Channel.VOICE);
        }
        Object details = event.get("Details");
        if (!(details instanceof Map<?, ?>)) {
            return new ConfigRequest(text(event.get("id")), text(event.get("lang")), Channel.parse(
                    text(event.get("channel"))));
        }
        Map<String, Object> detailsMap = (Map<String, Object>) details;
        Map<String, Object> parameters = map(detailsMap.get("Parameters"));
        Map<String, Object> contact = map(detailsMap.get("ContactData"));
        Map<String, Object> attributes = map(contact.get("Attributes"));

        String id = firstPresent(text(parameters.get("id")), text(event.get("id")));
        // The flow's own choice wins, then what the flow stored on the contact, then the contact's language.
        String language = firstPresent(text(parameters.get("lang")), text(attributes.get("lang")),
                text(contact.get("LanguageCode")));
        return new ConfigRequest(id, language, Channel.parse(text(contact.get("Channel"))));
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

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
