package dev.connectconfig.core.render;

import java.util.Locale;

/** Amazon Connect contact channels. Only voice is spoken; every other channel reads text. */
public enum Channel {
    VOICE, CHAT, TASK, EMAIL;

    public boolean isSpoken() {
        return this == VOICE;
    }

    /** Connect sends the channel in upper case; other callers may not. Absent or unknown means voice. */
    public static Channel parse(String value) {
        if (value == null || value.isBlank()) {
            return VOICE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return VOICE;
        }
    }
}
