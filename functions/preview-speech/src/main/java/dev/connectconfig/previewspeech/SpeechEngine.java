package dev.connectconfig.previewspeech;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Amazon Polly's speech engines, by the names Polly gives them. */
public enum SpeechEngine {
    GENERATIVE("generative"),
    NEURAL("neural"),
    STANDARD("standard"),
    LONG_FORM("long-form");

    /** Tried in this order when the request names no engine: the most natural voice the voice offers first. */
    static final List<SpeechEngine> AUTOMATIC_ORDER = List.of(GENERATIVE, NEURAL, STANDARD);

    private final String wireName;

    SpeechEngine(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Without regard to case; empty for a name Polly does not use. */
    public static Optional<SpeechEngine> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    static String choices() {
        return String.join(", ", Arrays.stream(values()).map(SpeechEngine::wireName).toList());
    }
}
