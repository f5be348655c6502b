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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Amazon Polly's {@code DescribeVoices} and {@code SynthesizeSpeech} over its REST-JSON protocol, spoken by the
 * local speech engine, so a function's own Polly client runs unchanged offline. The voice is espeak-ng's, not
 * Polly's: the runner marks API responses that used it as a local preview.
 */
final class PollyEndpoint implements AutoCloseable {

    /** Header the API adds to a response whose function had speech synthesised here. */
    static final String PREVIEW_HEADER = "X-Local-Speech-Engine";

    /** A few Polly voices per language, each spoken by the espeak-ng voice of that language. */
    record Voice(String id, String gender, String languageCode, String languageName, String espeakVoice) {
    }

    static final List<Voice> VOICES = List.of(
            new Voice("Joanna", "Female", "en-US", "US English", "en-us"),
            new Voice("Matthew", "Male", "en-US", "US English", "en-us"),
            new Voice("Amy", "Female", "en-GB", "British English", "en-gb"),
            new Voice("Lupe", "Female", "es-US", "US Spanish", "es-419"),
            new Voice("Pedro", "Male", "es-US", "US Spanish", "es-419"),
            new Voice("Lucia", "Female", "es-ES", "Castilian Spanish", "es"),
            new Voice("Lea", "Female", "fr-FR", "French", "fr-fr"),
            new Voice("Gabrielle", "Female", "fr-CA", "Canadian French", "fr-fr"),
            new Voice("Vicki", "Female", "de-DE", "German", "de"));

    private final HttpServer server;
    private final SpeechEngine engine;
    private final AtomicLong syntheses = new AtomicLong();

    PollyEndpoint(SpeechEngine engine, int port) {
        this.engine = engine;
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

    /** How many syntheses were served, so the API can tell which responses carry local audio. */
    long syntheses() {
        return syntheses.get();
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
                    item.put("SupportedEngines", List.of("standard", "neural"));
                    return item;
                }).toList();
        LocalHttp.json(exchange, 200, Map.of("Voices", voices));
    }

    private void synthesize(HttpExchange exchange) throws IOException {
        java.util.Optional<JsonNode> body = LocalHttp.awsJsonBody(exchange);
        if (body.isEmpty()) {
            return;
        }
        JsonNode request = body.get();
        String text = request.path("Text").asText("");
        String format = request.path("OutputFormat").asText("");
        Voice voice = VOICES.stream().filter(v -> v.id().equals(request.path("VoiceId").asText()))
                .findFirst().orElse(null);
        if (text.isBlank() || voice == null) {
            LocalHttp.awsError(exchange, 400, "ValidationException", voice == null
                    ? "VoiceId " + request.path("VoiceId").asText() + " has no local voice; local voices: "
                            + VOICES.stream().map(Voice::id).toList()
                    : "Text is required.");
            return;
        }
        if (!format.equals("pcm") && !(format.equals("mp3") && engine.encodesMp3())) {
            LocalHttp.awsError(exchange, 400, "ValidationException", "The local speech engine produces "
                    + (engine.encodesMp3() ? "mp3 and pcm" : "pcm only (install lame for mp3)") + ", not '"
                    + format + "'.");
            return;
        }
        boolean ssml = "ssml".equals(request.path("TextType").asText("text"));
        SpeechEngine.Pcm pcm;
        byte[] audio;
        try {
            pcm = engine.speak(text, ssml, voice.espeakVoice());
            if (format.equals("pcm")) {
                int rate = Integer.parseInt(request.path("SampleRate").asText("16000"));
                audio = SpeechEngine.resample(pcm, rate).samples();
            } else {
                audio = engine.mp3(pcm);
            }
        } catch (IOException | RuntimeException e) {
            LocalHttp.awsError(exchange, 400, "ValidationException",
                    "The local speech engine could not speak this text: " + e.getMessage());
            return;
        }
        syntheses.incrementAndGet();
        exchange.getResponseHeaders().set("x-amzn-RequestCharacters", Integer.toString(text.length()));
        LocalHttp.send(exchange, 200, format.equals("pcm") ? "audio/pcm" : "audio/mpeg", audio);
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
