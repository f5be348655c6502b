package dev.connectconfig.previewspeech;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The voice to use per language when a request names none, such as {@code en-US=Joanna,es-US=Lupe}: set them to the
 * voices your flows' Set voice blocks use, so a preview sounds like the call.
 */
record DefaultVoices(Map<String, String> byLanguage) {

    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9-]{2,35}=[A-Za-z0-9_-]{1,64}");

    DefaultVoices {
        byLanguage = Map.copyOf(byLanguage);
    }

    static DefaultVoices none() {
        return new DefaultVoices(Map.of());
    }

    /** {@code language=VoiceId} pairs separated by commas; blank means none. */
    static DefaultVoices parse(String text) {
        Map<String, String> voices = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String entry : text.split(",", -1)) {
                String pair = entry.strip();
                if (!ENTRY.matcher(pair).matches()) {
                    throw new IllegalArgumentException("a default voice must read language=VoiceId, such as"
                            + " en-US=Joanna, not '" + pair + "'");
                }
                String[] parts = pair.split("=");
                voices.put(parts[0].toLowerCase(Locale.ROOT), parts[1]);
            }
        }
        return new DefaultVoices(voices);
    }

    Optional<String> voiceFor(String language) {
        return Optional.ofNullable(byLanguage.get(language.toLowerCase(Locale.ROOT)));
    }
}
