package dev.connectconfig.previewspeech;

import java.util.List;
import java.util.Set;

/**
 * One voice as the speech engine describes it: its id, the language it speaks natively, the further languages a
 * bilingual voice speaks, and the engines it has.
 */
public record SpeechVoice(String id, String languageCode, List<String> additionalLanguageCodes,
        Set<SpeechEngine> engines) {

    public SpeechVoice {
        additionalLanguageCodes = List.copyOf(additionalLanguageCodes);
        engines = Set.copyOf(engines);
    }

    /** Polly's codes are exact ({@code en-US}); a caller's case may not be. */
    boolean speaks(String language) {
        return languageCode.equalsIgnoreCase(language)
                || additionalLanguageCodes.stream().anyMatch(language::equalsIgnoreCase);
    }

    boolean speaksNatively(String language) {
        return languageCode.equalsIgnoreCase(language);
    }
}
