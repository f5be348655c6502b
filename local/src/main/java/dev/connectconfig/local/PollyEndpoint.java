package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Amazon Polly's {@code DescribeVoices} and {@code SynthesizeSpeech} over its REST-JSON protocol, spoken by the
 * local speech engine, so a function's own Polly client runs unchanged offline. The voice is espeak-ng's, not
 * Polly's: the runner marks API responses that used it as a local preview. What the engine cannot make (a format
 * without its encoder, speech marks) is refused with Polly's ValidationException, saying what to install.
 */
final class PollyEndpoint implements AutoCloseable {

    /** Header the API adds to a response whose function had speech synthesised, or refused, here. */
    static final String PREVIEW_HEADER = "X-Local-Speech-Engine";
    static final String PREVIEW_MARK = "espeak-ng; a local preview, not Amazon Polly's voice";

    /**
     * Polly voices by their ids and language codes, each spoken by the espeak-ng voice of that language whatever the
     * engine. Among them: every voice of the template's PreviewSpeechDefaultVoices, and a voice for each language of
     * the sample configs (PollyEndpointTest checks both). Engines are Polly's where a voice lacks one (Zeina speaks
     * standard only); generative is not offered.
     */
    record Voice(String id, String gender, String languageCode, String languageName, List<String> engines,
            String espeakVoice) {
    }

    private static final List<String> STANDARD_NEURAL = List.of("standard", "neural");

    static final List<Voice> VOICES = List.of(
            new Voice("Joanna", "Female", "en-US", "US English", STANDARD_NEURAL, "en-us"),
            new Voice("Matthew", "Male", "en-US", "US English", STANDARD_NEURAL, "en-us"),
            new Voice("Amy", "Female", "en-GB", "British English", STANDARD_NEURAL, "en-gb"),
            new Voice("Lupe", "Female", "es-US", "US Spanish", STANDARD_NEURAL, "es-419"),
            new Voice("Pedro", "Male", "es-US", "US Spanish", STANDARD_NEURAL, "es-419"),
            new Voice("Lucia", "Female", "es-ES", "Castilian Spanish", STANDARD_NEURAL, "es"),
            new Voice("Lea", "Female", "fr-FR", "French", STANDARD_NEURAL, "fr-fr"),
            new Voice("Gabrielle", "Female", "fr-CA", "Canadian French", STANDARD_NEURAL, "fr-fr"),
            new Voice("Vicki", "Female", "de-DE", "German", STANDARD_NEURAL, "de"),
            new Voice("Zhiyu", "Female", "cmn-CN", "Chinese Mandarin", STANDARD_NEURAL, "cmn"),
            new Voice("Zeina", "Female", "arb", "Arabic", List.of("standard"), "ar"));

    /** Polly's rates for PCM are 8000 and 16000 Hz, 16000 by default; MP3 and Ogg Vorbis default to 22050 Hz. */
    private static final int DEFAULT_PCM_RATE = 16000;
    private static final int DEFAULT_ENCODED_RATE = 22050;

    /** What the API tells a caller about the last synthesis. */
    record Outcome(long count, String note) {
    }

    private final HttpServer server;
    private final SpeechEngine engine;
    private final Consumer<String> console;
    private final AtomicReference<Outcome> last = new AtomicReference<>(new Outcome(0, null));

    PollyEndpoint(SpeechEngine engine, int port, Consumer<String> console) {
        this.engine = engine;
        this.console = console;
        this.server = LocalHttp.loopback("Polly", port);
        server.createContext("/v1/voices", this::describeVoices);
        server.createContext("/v1/speech", this::synthesize);
        server.createContext("/", exchange -> LocalHttp.awsError(exchange, 400, "UnknownOperationException",
                "The local Polly endpoint answers DescribeVoices and SynthesizeSpeech only."));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + LocalHttp.port(server);
    }

    /**
     * How many syntheses were served or refused so far, and what the last one means for a caller, so the API can tell
     * which responses carry local audio and why one has none.
     */
    Outcome outcome() {
        return last.get();
    }

    String engineName() {
        return engine.describe();
    }

    private void describeVoices(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String language = query.get("LanguageCode");
        List<Map<String, Object>> voices = VOICES.stream()
                .filter(voice -> language == null || voice.languageCode().equals(language))
                .map(voice -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("Gender", voice.gender());
                    item.put("Id", voice.id());
                    item.put("LanguageCode", voice.languageCode());
                    item.put("LanguageName", voice.languageName());
                    item.put("Name", voice.id());
                    item.put("SupportedEngines", voice.engines());
                    return item;
                }).toList();
        LocalHttp.json(exchange, 200, Map.of("Voices", voices));
    }

    private void synthesize(HttpExchange exchange) throws IOException {
        Optional<JsonNode> body = LocalHttp.awsJsonBody(exchange);
        if (body.isEmpty()) {
            return;
        }
        JsonNode request = body.get();
        String text = request.path("Text").asText("");
        String format = request.path("OutputFormat").asText("");
        String voiceId = request.path("VoiceId").asText();
        Optional<Voice> voice = VOICES.stream().filter(v -> v.id().equals(voiceId)).findFirst();
        if (voice.isEmpty()) {
            refuse(exchange, "VoiceId " + voiceId + " has no local voice; local voices: "
                    + VOICES.stream().map(Voice::id).toList());
            return;
        }
        if (text.isBlank()) {
            refuse(exchange, "Text is required.");
            return;
        }
        Optional<String> formatRefusal = engine.refusal(format);
        if (formatRefusal.isPresent()) {
            refuse(exchange, formatRefusal.get());
            return;
        }
        boolean ssml = "ssml".equals(request.path("TextType").asText("text"));
        String pollyEngine = request.path("Engine").asText("standard");
        if (!voice.get().engines().contains(pollyEngine)) {
            refuse(exchange, "EngineNotSupportedException", "This voice does not support the selected engine: "
                    + voiceId + " speaks " + voice.get().engines() + ", not " + pollyEngine + ".");
            return;
        }
        Optional<String> standardOnly = ssml ? standardOnlyTag(text, pollyEngine) : Optional.empty();
        if (standardOnly.isPresent()) {
            refuse(exchange, "InvalidSsmlException", "Unsupported Neural feature: " + standardOnly.get() + " is not"
                    + " available with the " + pollyEngine + " engine (as Amazon Polly answers).");
            return;
        }
        int rate;
        try {
            rate = Integer.parseInt(request.path("SampleRate").asText(Integer.toString(format.equals("pcm")
                    ? DEFAULT_PCM_RATE : DEFAULT_ENCODED_RATE)));
        } catch (NumberFormatException e) {
            refuse(exchange, "SampleRate must be a number of Hz such as 16000.");
            return;
        }
        byte[] audio;
        try {
            SpeechEngine.Pcm pcm = SpeechEngine.resample(engine.speak(text, ssml, voice.get().espeakVoice()), rate);
            audio = switch (format) {
                case "mp3" -> engine.mp3(pcm);
                case "ogg_vorbis" -> engine.ogg(pcm);
                default -> pcm.samples();
            };
        } catch (IOException | RuntimeException e) {
            refuse(exchange, "The local speech engine could not speak this text: " + e.getMessage());
            return;
        }
        last.updateAndGet(previous -> new Outcome(previous.count() + 1, PREVIEW_MARK));
        exchange.getResponseHeaders().set("x-amzn-RequestCharacters", Integer.toString(text.length()));
        LocalHttp.send(exchange, 200, switch (format) {
            case "mp3" -> "audio/mpeg";
            case "ogg_vorbis" -> "audio/ogg";
            default -> "audio/pcm";
        }, audio);
    }

    /**
     * SSML tags Amazon Polly speaks with its standard engine only ("Supported SSML tags" in Polly's developer guide):
     * the neural, generative and long-form engines refuse a document with them, so the local endpoint refuses it the
     * same way and PreviewSpeech moves on to the next engine as it does against Polly.
     */
    static final List<String> STANDARD_ONLY_TAGS = List.of("<emphasis", "<amazon:effect", "<amazon:auto-breaths");

    static Optional<String> standardOnlyTag(String ssml, String pollyEngine) {
        if ("standard".equals(pollyEngine)) {
            return Optional.empty();
        }
        return STANDARD_ONLY_TAGS.stream().filter(ssml::contains).map(tag -> tag + ">").findFirst();
    }

    /** Polly's answer to a request it will not speak; the runner's console and the API response say why. */
    private void refuse(HttpExchange exchange, String reason) throws IOException {
        refuse(exchange, "ValidationException", reason);
    }

    private void refuse(HttpExchange exchange, String errorType, String reason) throws IOException {
        console.accept("Polly (local): refused: " + reason);
        last.updateAndGet(previous -> new Outcome(previous.count() + 1, "refused: " + reason));
        LocalHttp.awsError(exchange, 400, errorType, reason);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            query.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
