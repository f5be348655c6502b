package dev.connectconfig.previewspeech;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import dev.connectconfig.core.json.JsonFields;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A preview request: either the text to speak, or a stored prompt ({@code flowConfigId} and {@code prompt}) whose
 * voice text is rendered for {@code languageCode}. Voice, engine and format are optional in both forms.
 *
 * @param engine null to try the voice's engines from most to least natural
 */
record SpeechRequest(String text, String flowConfigId, String prompt, String languageCode, String voiceId,
        SpeechEngine engine, AudioFormat format) {

    private static final Set<String> FIELDS = Set.of("text", "flowConfigId", "prompt", "languageCode", "voiceId",
            "engine", "format");
    /** Only a sanity bound: which codes exist is Polly's answer ({@code arb}, {@code cmn-CN}, {@code en-GB-WLS}). */
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");
    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    boolean isReference() {
        return text == null;
    }

    static SpeechRequest from(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(List.of(new Violation("", "must be a JSON object with text and languageCode,"
                    + " or flowConfigId, prompt and languageCode")));
        }
        List<Violation> violations = new ArrayList<>();
        JsonFields.unknown(body, FIELDS, "", violations);
        String text = text(body, "text", violations);
        String configId = text(body, "flowConfigId", violations);
        String prompt = text(body, "prompt", violations);
        String languageCode = text(body, "languageCode", violations);
        String voiceId = text(body, "voiceId", violations);
        String engineName = text(body, "engine", violations);
        String formatName = text(body, "format", violations);

        if (text != null && (configId != null || prompt != null)) {
            violations.add(new Violation("text", "send either text, or flowConfigId and prompt, not both"));
        } else if (text == null && configId == null && prompt == null && !has(body, "text")) {
            violations.add(new Violation("text", "is required, unless flowConfigId and prompt name a stored prompt"));
        } else if (text == null && (configId == null) != (prompt == null)) {
            violations.add(new Violation(configId == null ? "flowConfigId" : "prompt",
                    "is required with " + (configId == null ? "prompt" : "flowConfigId")));
        }
        if (text != null && text.isBlank()) {
            violations.add(new Violation("text", "must not be empty"));
        }
        if (configId != null && !FlowConfigValidator.isValidId(configId)) {
            violations.add(new Violation("flowConfigId", "must be 1 to 128 letters, digits or + _ . : -"));
        }
        if (prompt != null && !FlowConfigValidator.NAME.matcher(prompt).matches()) {
            violations.add(new Violation("prompt", "must be a prompt name: a letter, then letters, digits or _"));
        }
        if (languageCode == null) {
            violations.add(new Violation("languageCode", "is required: an Amazon Polly language code such as en-US,"
                    + " es-US, cmn-CN or arb"));
        } else if (!LANGUAGE_CODE.matcher(languageCode).matches() || !isLanguage(languageCode)) {
            violations.add(new Violation("languageCode", "must be an Amazon Polly language code such as en-US,"
                    + " es-US, cmn-CN or arb"));
        }
        if (voiceId != null && !VOICE_ID.matcher(voiceId).matches()) {
            violations.add(new Violation("voiceId", "must be an Amazon Polly voice id such as Joanna"));
        }
        SpeechEngine engine = null;
        if (engineName != null) {
            engine = SpeechEngine.fromWireName(engineName).orElse(null);
            if (engine == null) {
                violations.add(new Violation("engine", "must be one of: " + SpeechEngine.choices()));
            }
        }
        AudioFormat format = AudioFormat.MP3;
        if (formatName != null) {
            format = AudioFormat.fromWireName(formatName).orElse(null);
            if (format == null) {
                violations.add(new Violation("format", "must be one of: " + AudioFormat.choices()));
            }
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return new SpeechRequest(text, configId, prompt, languageCode, voiceId, engine, format);
    }

    /**
     * Whether {@code code} names a language at all, decided here so that such a request is a 400 even when Polly is
     * down: a two-letter language must be one of ISO 639-1's (a closed list the JDK holds) and a two-letter region
     * one of ISO 3166's. Three-letter languages (arb, cmn, yue, fil) come from ISO 639-3's open list, which the JDK
     * does not hold: those, and whether Polly speaks a language, are Polly's answer.
     */
    static boolean isLanguage(String code) {
        String[] parts = code.split("-");
        if (parts[0].length() == 2 && !LANGUAGES.contains(parts[0].toLowerCase(Locale.ROOT))) {
            return false;
        }
        return parts.length < 2 || parts[1].length() != 2 || REGIONS.contains(parts[1].toUpperCase(Locale.ROOT));
    }

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    private static boolean has(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    private static String text(JsonNode body, String field, List<Violation> violations) {
        return JsonFields.text(body, field, "", violations);
    }

    private static ApiException invalid(List<Violation> violations) {
        return ApiException.invalid(FieldError.all(violations, Violation::field, Violation::message));
    }
}
