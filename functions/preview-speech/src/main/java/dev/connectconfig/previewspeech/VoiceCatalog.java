package dev.connectconfig.previewspeech;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's voices, fetched once per container (Polly's DescribeVoices changes when AWS adds a voice, not between
 * calls), and the choice of voice and engines for a request. A failed fetch is not remembered: the next request asks
 * again. Language codes are the engine's own ({@code en-US}, {@code cmn-CN}, {@code arb}, {@code en-GB-WLS}), matched
 * without regard to case.
 */
final class VoiceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceCatalog.class);

    private final Supplier<List<SpeechVoice>> source;
    private final DefaultVoices defaults;
    private volatile List<SpeechVoice> voices;

    VoiceCatalog(Supplier<List<SpeechVoice>> source, DefaultVoices defaults) {
        this.source = source;
        this.defaults = defaults;
    }

    List<SpeechVoice> voices() {
        List<SpeechVoice> known = voices;
        if (known == null) {
            synchronized (this) {
                if (voices == null) {
                    voices = List.copyOf(source.get());
                }
                known = voices;
            }
        }
        return known;
    }

    /**
     * @param voiceId the requested voice, or null to pick the language's default
     * @param engine  the requested engine, or null to try the voice's engines in {@link SpeechEngine#AUTOMATIC_ORDER}
     */
    VoiceSelection select(String languageCode, String voiceId, SpeechEngine engine) {
        String language = language(languageCode);
        SpeechVoice voice = voiceId == null ? defaultVoice(language, engine) : requestedVoice(voiceId, language);
        if (engine != null && !voice.engines().contains(engine)) {
            throw refusal("UNSUPPORTED_ENGINE", "engine", "Voice " + voice.id() + " has no " + engine.wireName()
                    + " engine; it has: " + engineNames(voice) + ".", engineNames(voice));
        }
        return new VoiceSelection(voice, language, engine != null ? List.of(engine) : automaticEngines(voice));
    }

    /** The catalog's spelling of {@code requested}. */
    private String language(String requested) {
        TreeSet<String> languages = new TreeSet<>();
        for (SpeechVoice voice : voices()) {
            languages.add(voice.languageCode());
            languages.addAll(voice.additionalLanguageCodes());
        }
        String choices = String.join(", ", languages);
        return languages.stream().filter(requested::equalsIgnoreCase).findFirst().orElseThrow(() -> refusal(
                "UNSUPPORTED_LANGUAGE", "languageCode", "Amazon Polly has no voice for language '" + requested
                        + "'. Languages: " + choices + ".", choices));
    }

    private SpeechVoice requestedVoice(String voiceId, String language) {
        SpeechVoice voice = voices().stream().filter(v -> v.id().equalsIgnoreCase(voiceId)).findFirst()
                .orElseThrow(() -> refusal("UNKNOWN_VOICE", "voiceId", "Amazon Polly has no voice '" + voiceId
                        + "'. Voices for " + language + ": " + voiceNames(language) + ".", voiceNames(language)));
        if (!voice.speaks(language)) {
            throw refusal("VOICE_LANGUAGE_MISMATCH", "voiceId", "Voice " + voice.id() + " speaks "
                    + String.join(", ", spokenBy(voice)) + ", not " + language + ". Voices for " + language + ": "
                    + voiceNames(language) + ".", voiceNames(language));
        }
        return voice;
    }

    /**
     * The configured default when it fits, else the best fit: native speakers before bilingual ones, then the most
     * natural engine on offer, then by id so the choice is stable between calls.
     */
    private SpeechVoice defaultVoice(String language, SpeechEngine engine) {
        List<SpeechVoice> speakers = voices().stream()
                .filter(v -> v.speaks(language))
                .filter(v -> engine == null || v.engines().contains(engine))
                .toList();
        if (speakers.isEmpty()) {
            throw refusal("UNSUPPORTED_ENGINE", "engine", "No " + language + " voice has the " + engine.wireName()
                    + " engine. Engines of " + language + " voices: " + engineNames(language) + ".",
                    engineNames(language));
        }
        Optional<String> configured = defaults.voiceFor(language);
        if (configured.isPresent()) {
            Optional<SpeechVoice> preferred = speakers.stream()
                    .filter(v -> v.id().equalsIgnoreCase(configured.get())).findFirst();
            if (preferred.isPresent()) {
                return preferred.get();
            }
            LOG.warn("the default voice does not fit; choosing another", entry("language", language),
                    entry("defaultVoice", configured.get()), entry("engine", engine == null ? "automatic"
                            : engine.wireName()));
        }
        return speakers.stream().min(Comparator
                .comparing((SpeechVoice v) -> !v.speaksNatively(language))
                .thenComparing(VoiceCatalog::bestAutomaticRank)
                .thenComparing(SpeechVoice::id)).orElseThrow();
    }

    private static List<SpeechEngine> automaticEngines(SpeechVoice voice) {
        List<SpeechEngine> engines = SpeechEngine.AUTOMATIC_ORDER.stream().filter(voice.engines()::contains).toList();
        // A voice with none of the usual engines (long-form only) still speaks with what it has.
        return engines.isEmpty() ? List.copyOf(new TreeSet<>(voice.engines())) : engines;
    }

    private static int bestAutomaticRank(SpeechVoice voice) {
        for (int rank = 0; rank < SpeechEngine.AUTOMATIC_ORDER.size(); rank++) {
            if (voice.engines().contains(SpeechEngine.AUTOMATIC_ORDER.get(rank))) {
                return rank;
            }
        }
        return SpeechEngine.AUTOMATIC_ORDER.size();
    }

    private String voiceNames(String language) {
        return String.join(", ", voices().stream().filter(v -> v.speaks(language)).map(SpeechVoice::id).sorted()
                .toList());
    }

    private String engineNames(String language) {
        TreeSet<SpeechEngine> engines = new TreeSet<>();
        voices().stream().filter(v -> v.speaks(language)).forEach(v -> engines.addAll(v.engines()));
        return String.join(", ", engines.stream().map(SpeechEngine::wireName).toList());
    }

    private static String engineNames(SpeechVoice voice) {
        return String.join(", ", new TreeSet<>(voice.engines()).stream().map(SpeechEngine::wireName).toList());
    }

    private static List<String> spokenBy(SpeechVoice voice) {
        List<String> languages = new java.util.ArrayList<>(List.of(voice.languageCode()));
        languages.addAll(voice.additionalLanguageCodes());
        return languages;
    }

    /** The message names the choices for a person; the detail repeats them for a client that offers a picker. */
    private static ApiException refusal(String code, String field, String message, String choices) {
        return new ApiException(400, code, message, List.of(new FieldError(field, "choose one of: " + choices)));
    }
}
