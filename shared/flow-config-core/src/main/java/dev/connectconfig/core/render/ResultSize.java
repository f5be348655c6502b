package dev.connectconfig.core.render;

import java.util.Map;

/** Amazon Connect refuses a Lambda result of 32 KB or more; this measures a result as the JSON Lambda sends. */
public final class ResultSize {

    public static final int CONNECT_LIMIT_BYTES = 32 * 1024;

    private ResultSize() {
    }

    /** UTF-8 bytes of {@code map} serialised as a compact JSON object. */
    public static int jsonBytes(Map<String, String> map) {
        int bytes = 2; // {}
        int entries = 0;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            bytes += jsonStringBytes(entry.getKey()) + 1 + jsonStringBytes(entry.getValue());
            entries++;
        }
        return bytes + Math.max(0, entries - 1);
    }

    /** UTF-8 bytes of one JSON string literal, quotes and escapes included. */
    public static int jsonStringBytes(String value) {
        if (value == null) {
            return 4; // null
        }
        int bytes = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
