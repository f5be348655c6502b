package dev.connectconfig.previewspeech;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.Env;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.LanguageResolver;
import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.core.store.FlowConfigStore;
import dev.connectconfig.previewspeech.SpeechSynthesisException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;

/**
 * Speaks a preview: finds the text (sent, or a stored prompt the caller may read), checks it against Polly's rules,
 * chooses voice and engine, and synthesizes. Engine refusals of an automatic choice move on to the next engine.
 */
final class PreviewSpeechService {

    static final String TABLE_VARIABLE = "FLOW_CONFIG_TABLE";
    static final String POLICY_STORE_VARIABLE = "POLICY_STORE_ID";
    static final String DEFAULT_VOICES_VARIABLE = "DEFAULT_VOICES";

    /** An editor is waiting behind API Gateway's 29 s: the table and the authorizer answer in milliseconds. */
    static final AwsClients.Timeouts LOOKUP_TIMEOUTS = new AwsClients.Timeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(6), 2);
    /**
     * Polly takes seconds for 3,000 characters; one retry still ends well inside the API's limit. A synthesis gets
     * at most {@code call}, and never more than the invocation has left (see {@link #preview}).
     */
    static final AwsClients.Timeouts POLLY_TIMEOUTS = new AwsClients.Timeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(9), Duration.ofSeconds(18), 2);
    /** Less than this left for a synthesis: answer that Polly could not be heard in time rather than start one. */
    static final Duration MIN_SYNTHESIS_TIME = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(PreviewSpeechService.class);

    private final FlowConfigStore store;
    private final FlowConfigAuthorizer authorizer;
    private final SpeechSynthesizer synthesizer;
    private final VoiceCatalog catalog;

    PreviewSpeechService(FlowConfigStore store, FlowConfigAuthorizer authorizer, SpeechSynthesizer synthesizer,
            DefaultVoices defaults) {
        this.store = store;
        this.authorizer = authorizer;
        this.synthesizer = synthesizer;
        this.catalog = new VoiceCatalog(() -> {
            try {
                return synthesizer.voices();
            } catch (SpeechSynthesisException e) {
                throw answer(e, null);
            }
        }, defaults);
    }

    static PreviewSpeechService fromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), LOOKUP_TIMEOUTS, null);
        VerifiedPermissionsClient permissions = AwsClients.build(VerifiedPermissionsClient.builder(),
                LOOKUP_TIMEOUTS, null);
        return new PreviewSpeechService(
                new DynamoDbFlowConfigStore(dynamoDb, Env.required(TABLE_VARIABLE)),
                new VerifiedPermissionsAuthorizer(permissions, Env.required(POLICY_STORE_VARIABLE)),
                new PollySpeechSynthesizer(pollyClient(null)),
                DefaultVoices.parse(Env.optional(DEFAULT_VOICES_VARIABLE, "")));
    }

    /** The Polly client as deployed; {@code endpoint} is null in AWS. */
    static PollyClient pollyClient(URI endpoint) {
        return AwsClients.build(PollyClient.builder(), POLLY_TIMEOUTS, endpoint);
    }

    /**
     * @param timeLeft how long until the answer must be on its way: each synthesis gets at most this much of it, so an
     *                 unreachable Polly is answered with a 503 before Lambda's timeout turns it into API Gateway's 502
     */
    SpokenPreview preview(Caller caller, SpeechRequest request, Duration timeLeft) {
        long deadline = System.nanoTime() + timeLeft.toNanos();
        String promptLanguage = null;
        SpeechText text;
        if (request.isReference()) {
            Map.Entry<String, String> prompt = storedPrompt(caller, request);
            promptLanguage = prompt.getKey();
            text = SpeechText.check(prompt.getValue(), "prompts." + request.prompt() + "." + promptLanguage
                    + ".voice");
        } else {
            requireSomeAccess(caller);
            text = SpeechText.check(request.text(), "text");
        }
        VoiceSelection selection = catalog.select(request.languageCode(), request.voiceId(), request.engine());
        for (int i = 0; ; i++) {
            SpeechEngine engine = selection.engines().get(i);
            Duration limit = Duration.ofNanos(Math.min(POLLY_TIMEOUTS.call().toNanos(), deadline - System.nanoTime()));
            if (limit.compareTo(MIN_SYNTHESIS_TIME) < 0) {
                throw answer(new SpeechSynthesisException(Kind.UNREACHABLE, "no time left to ask Polly: "
                        + limit.toMillis() + " ms", null), selection);
            }
            try {
                SpeechAudio audio = synthesizer.synthesize(new SpeechJob(text.text(), text.ssml(),
                        selection.voice().id(), engine, selection.languageCode(), request.format(), limit));
                return new SpokenPreview(audio.audio(), request.format(), selection.voice().id(), engine,
                        selection.languageCode(), promptLanguage, audio.requestCharacters());
            } catch (SpeechSynthesisException e) {
                boolean another = i + 1 < selection.engines().size();
                if (!e.kind().engineSpecific() || !another) {
                    throw answer(e, selection);
                }
                LOG.info("engine refused; trying the next", entry("voice", selection.voice().id()),
                        entry("engine", engine.wireName()), entry("reason", e.kind().name()));
            }
        }
    }

    /** The prompt's voice text for the request's language, chosen as GetConfig would, keyed by that text's language. */
    private Map.Entry<String, String> storedPrompt(Caller caller, SpeechRequest request) {
        String id = request.flowConfigId();
        // Authorise before reading, so a caller without access cannot learn whether a config exists.
        authorizer.require(caller, FlowConfigAction.READ, id);
        FlowConfig config = store.find(id).orElseThrow(() -> ApiException.notFound("There is no flow config '"
                + id + "'."));
        Map<String, PromptText> languages = config.prompts().get(request.prompt());
        if (languages == null) {
            throw ApiException.notFound("Flow config '" + id + "' has no prompt '" + request.prompt()
                    + "'. Its prompts: " + String.join(", ", new TreeSet<>(config.prompts().keySet())) + ".");
        }
        String language = LanguageResolver.choose(languages.keySet(), request.languageCode(),
                config.effectiveDefaultLanguage()).orElseThrow(() -> ApiException.notFound("Prompt '"
                + request.prompt() + "' of flow config '" + id + "' has no text for " + request.languageCode()
                + " or the default language " + config.effectiveDefaultLanguage() + ". It has: "
                + String.join(", ", new TreeSet<>(languages.keySet())) + "."));
        return Map.entry(language, FlowConfigRenderer.textFor(languages.get(language), Channel.VOICE));
    }

    /**
     * Text sent in the request touches no config, so no Cedar decision applies; speech still costs money, so only
     * callers who hold some flow-config access may ask for it.
     */
    private static void requireSomeAccess(Caller caller) {
        if (caller.readScopes().isEmpty() && caller.editScopes().isEmpty() && caller.fullScopes().isEmpty()) {
            throw ApiException.forbidden("Previewing speech needs access to flow configs; ask an admin for a"
                    + " FlowConfig group or scopes.");
        }
    }

    /** The API's answer to an engine failure; the engine's own words go to the log only. */
    private static ApiException answer(SpeechSynthesisException e, VoiceSelection selection) {
        Kind kind = e.kind();
        if (kind == Kind.UNAVAILABLE || kind == Kind.UNREACHABLE || kind == Kind.THROTTLED) {
            LOG.error("Amazon Polly failed", e);
        } else {
            LOG.warn("Amazon Polly refused the request", entry("kind", kind.name()), entry("reason", e.getMessage()));
        }
        String voice = selection == null ? "" : selection.voice().id();
        return switch (kind) {
            case THROTTLED -> new ApiException(429, "SPEECH_THROTTLED",
                    "Amazon Polly is receiving too many requests right now; try again in a moment.");
            case SSML_REFUSED -> new ApiException(400, "INVALID_SSML", "Amazon Polly refused the SSML for voice "
                    + voice + " (engines tried: " + engineNames(selection) + "). Neural, long-form and generative"
                    + " engines lack some tags, such as <emphasis> and <amazon:effect>; remove them or choose the"
                    + " standard engine.");
            case ENGINE_REFUSED -> new ApiException(400, "UNSUPPORTED_ENGINE", "Amazon Polly does not offer voice "
                    + voice + " with engine " + engineNames(selection) + " in this region; choose another engine or"
                    + " voice.");
            case LANGUAGE_REFUSED -> new ApiException(400, "UNSUPPORTED_LANGUAGE", "Amazon Polly refused language "
                    + (selection == null ? "" : selection.languageCode()) + " for voice " + voice + ".");
            case TEXT_TOO_LONG -> ApiException.tooLarge(String.format(Locale.ROOT, "Amazon Polly refused the text"
                    + " as too long: it speaks at most %,d characters (%,d with SSML tags).",
                    SpeechText.MAX_BILLED_CHARACTERS, SpeechText.MAX_TOTAL_CHARACTERS));
            case AUDIO_TOO_LONG -> ApiException.tooLarge("The audio is larger than the "
                    + SpeechSynthesizer.MAX_AUDIO_BYTES / 1_000_000.0 + " MB a preview can return; choose mp3 or"
                    + " ogg_vorbis, or preview a shorter text.");
            case UNAVAILABLE -> new ApiException(502, "SPEECH_UNAVAILABLE",
                    "Amazon Polly could not synthesize the speech right now; try again later.");
            // 503 and Retry-After: nothing is wrong with the request, and the same one will work once Polly answers.
            case UNREACHABLE -> new ApiException(503, "SPEECH_UNREACHABLE", "Amazon Polly is unreachable right now, so"
                    + " the preview could not be spoken. Try again in a moment.");
        };
    }

    private static String engineNames(VoiceSelection selection) {
        return selection == null ? "" : String.join(", ", selection.engines().stream().map(SpeechEngine::wireName)
                .toList());
    }
}
