package dev.connectconfig.previewspeech;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audio of a preview and how it was made. The headers tell the editor which voice and engine spoke (an automatic
 * choice may have moved past an engine that refused the SSML) and, for a stored prompt, which language's text it was.
 *
 * @param promptLanguage the language of the stored prompt text spoken, or null for text sent in the request
 */
record SpokenPreview(byte[] audio, AudioFormat format, String voiceId, SpeechEngine engine, String languageCode,
        String promptLanguage, int requestCharacters) {

    static final String VOICE_HEADER = "X-Voice-Id";
    static final String ENGINE_HEADER = "X-Engine";
    static final String LANGUAGE_HEADER = "X-Language-Code";
    static final String PROMPT_LANGUAGE_HEADER = "X-Prompt-Language";
    static final String CHARACTERS_HEADER = "X-Request-Characters";
    static final String SAMPLE_RATE_HEADER = "X-Sample-Rate";

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(VOICE_HEADER, voiceId);
        headers.put(ENGINE_HEADER, engine.wireName());
        headers.put(LANGUAGE_HEADER, languageCode);
        if (promptLanguage != null) {
            headers.put(PROMPT_LANGUAGE_HEADER, promptLanguage);
        }
        headers.put(CHARACTERS_HEADER, Integer.toString(requestCharacters));
        if (format.sampleRate() != null) {
            headers.put(SAMPLE_RATE_HEADER, format.sampleRate());
        }
        // A browser script may read only the response headers CORS exposes.
        headers.put("Access-Control-Expose-Headers", String.join(", ", headers.keySet()));
        return headers;
    }
}
