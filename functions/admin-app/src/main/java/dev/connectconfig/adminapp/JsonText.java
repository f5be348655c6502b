package dev.connectconfig.adminapp;

import java.util.Map;
import java.util.stream.Collectors;

/** The few JSON texts the function writes: flat string maps (settings, errors). */
final class JsonText {

    private JsonText() {
    }

    static String object(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> string(e.getKey()) + ":" + string(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                // Markup characters escaped too, so no setting can ever read as HTML.
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
