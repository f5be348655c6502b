package dev.connectconfig.previewspeech;

import dev.connectconfig.testing.SdkFaults;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.DescribeVoicesRequest;
import software.amazon.awssdk.services.polly.model.DescribeVoicesResponse;
import software.amazon.awssdk.services.polly.model.EngineNotSupportedException;
import software.amazon.awssdk.services.polly.model.InvalidSsmlException;
import software.amazon.awssdk.services.polly.model.PollyException;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;
import software.amazon.awssdk.services.polly.model.TextType;
import software.amazon.awssdk.services.polly.model.Voice;

/**
 * Amazon Polly at the SDK boundary: DescribeVoices answers a fixed voice list in pages of {@link #PAGE_SIZE}, and
 * SynthesizeSpeech answers bytes that spell out the request. Both record every request. Like Polly, the neural and
 * generative engines refuse {@code <emphasis>} with InvalidSsmlException.
 */
final class FakePolly implements PollyClient {

    static final int PAGE_SIZE = 6;

    final List<DescribeVoicesRequest> describeRequests = Collections.synchronizedList(new ArrayList<>());
    final List<SynthesizeSpeechRequest> synthesizeRequests = Collections.synchronizedList(new ArrayList<>());
    final SdkFaults faults = new SdkFaults("Polly", "ThrottlingException", PollyException.builder());
    private final AtomicReference<RuntimeException> synthesisFailure = new AtomicReference<>();
    private volatile byte[] audioOverride;
    private final Set<String> enginesNotInRegion = ConcurrentHashMap.newKeySet();

    /** The voices, by Polly's DescribeVoices: native language, bilingual extras, engines. */
    static final List<Voice> VOICES = List.of(
            voice("Joanna", "en-US", List.of(), "standard", "neural", "generative"),
            voice("Matthew", "en-US", List.of(), "standard", "neural", "generative"),
            voice("Danielle", "en-US", List.of(), "neural", "generative", "long-form"),
            voice("Ivy", "en-US", List.of(), "standard", "neural"),
            voice("Gregory", "en-US", List.of(), "long-form"),
            voice("Lupe", "es-US", List.of(), "standard", "neural", "generative"),
            voice("Pedro", "es-US", List.of(), "neural", "generative"),
            voice("Mia", "es-MX", List.of(), "standard", "neural", "generative"),
            voice("Zhiyu", "cmn-CN", List.of(), "standard", "neural"),
            voice("Zeina", "arb", List.of(), "standard"),
            voice("Geraint", "en-GB-WLS", List.of(), "standard"),
            voice("Aditi", "hi-IN", List.of("en-IN"), "standard"),
            voice("Amy", "en-GB", List.of(), "standard", "neural", "generative"));

    private static Voice voice(String id, String language, List<String> additional, String... engines) {
        return Voice.builder().id(id).name(id).languageCode(language).additionalLanguageCodesWithStrings(additional)
                .supportedEnginesWithStrings(engines).gender("Female").build();
    }

    /** The audio a request gets: readable, so a test can see which request it answered. */
    static byte[] audioFor(SynthesizeSpeechRequest request) {
        return ("audio:" + request.voiceIdAsString() + ":" + request.engineAsString() + ":"
                + request.outputFormatAsString()).getBytes(StandardCharsets.UTF_8);
    }

    void failSynthesisWith(RuntimeException failure) {
        synthesisFailure.set(failure);
    }

    /** Like a region without that engine: DescribeVoices still lists it, SynthesizeSpeech refuses it. */
    void refuseEngine(String engine) {
        enginesNotInRegion.add(engine);
    }

    void answerAudio(byte[] audio) {
        audioOverride = audio;
    }

    SynthesizeSpeechRequest lastSynthesis() {
        return synthesizeRequests.get(synthesizeRequests.size() - 1);
    }

    @Override
    public DescribeVoicesResponse describeVoices(DescribeVoicesRequest request) {
        describeRequests.add(request);
        faults.onCall();
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(VOICES.size(), from + PAGE_SIZE);
        return DescribeVoicesResponse.builder()
                .voices(VOICES.subList(from, to))
                .nextToken(to < VOICES.size() ? Integer.toString(to) : null)
                .build();
    }

    @Override
    public ResponseInputStream<SynthesizeSpeechResponse> synthesizeSpeech(SynthesizeSpeechRequest request) {
        synthesizeRequests.add(request);
        faults.onCall();
        RuntimeException failure = synthesisFailure.get();
        if (failure != null) {
            throw failure;
        }
        if (enginesNotInRegion.contains(request.engineAsString())) {
            throw (EngineNotSupportedException) faults.error(EngineNotSupportedException.builder(),
                    "EngineNotSupportedException", "This voice does not support the selected engine");
        }
        if (request.textType() == TextType.SSML && request.text().contains("<emphasis")
                && Set.of("neural", "generative", "long-form").contains(request.engineAsString())) {
            throw (InvalidSsmlException) faults.error(InvalidSsmlException.builder(), "InvalidSsmlException",
                    "Unsupported Neural feature");
        }
        byte[] audio = audioOverride != null ? audioOverride : audioFor(request);
        SynthesizeSpeechResponse response = SynthesizeSpeechResponse.builder()
                .contentType(contentType(request.outputFormatAsString()))
                .requestCharacters(request.text().length())
                .build();
        return new ResponseInputStream<>(response, AbortableInputStream.create(new ByteArrayInputStream(audio)));
    }

    private static String contentType(String format) {
        return switch (format) {
            case "mp3" -> "audio/mpeg";
            case "ogg_vorbis" -> "audio/ogg";
            default -> "audio/pcm";
        };
    }

    @Override
    public String serviceName() {
        return "polly";
    }

    @Override
    public void close() {
    }
}
