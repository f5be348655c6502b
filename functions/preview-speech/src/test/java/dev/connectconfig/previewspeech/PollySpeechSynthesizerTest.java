package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.previewspeech.SpeechSynthesisException.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.polly.model.Engine;
import software.amazon.awssdk.services.polly.model.EngineNotSupportedException;
import software.amazon.awssdk.services.polly.model.LanguageNotSupportedException;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.ServiceFailureException;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.TextLengthExceededException;
import software.amazon.awssdk.services.polly.model.TextType;

class PollySpeechSynthesizerTest {

    private static final Duration LIMIT = Duration.ofSeconds(7);

    private final FakePolly polly = new FakePolly();
    private final PollySpeechSynthesizer synthesizer = new PollySpeechSynthesizer(polly);

    @Test
    void voicesAreReadPageByPageWithBilingualLanguages() {
        List<SpeechVoice> voices = synthesizer.voices();

        assertEquals(FakePolly.VOICES.size(), voices.size());
        assertEquals(3, polly.describeRequests.size());
        assertNull(polly.describeRequests.get(0).nextToken());
        assertEquals("6", polly.describeRequests.get(1).nextToken());
        assertEquals("12", polly.describeRequests.get(2).nextToken());
        assertTrue(polly.describeRequests.stream().allMatch(r -> r.includeAdditionalLanguageCodes()));
        SpeechVoice aditi = voices.stream().filter(v -> v.id().equals("Aditi")).findFirst().orElseThrow();
        assertEquals(List.of("en-IN"), aditi.additionalLanguageCodes());
        SpeechVoice danielle = voices.stream().filter(v -> v.id().equals("Danielle")).findFirst().orElseThrow();
        assertEquals(Set.of(SpeechEngine.NEURAL, SpeechEngine.GENERATIVE, SpeechEngine.LONG_FORM), danielle.engines());
    }

    @Test
    void plainTextIsSentAsTextWithTheChosenVoiceEngineLanguageAndFormat() {
        SpeechAudio audio = synthesizer.synthesize(new SpeechJob("Hello & welcome", false, "Joanna",
                SpeechEngine.GENERATIVE, "en-US", AudioFormat.MP3, LIMIT));

        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals("Hello & welcome", sent.text());
        assertEquals(TextType.TEXT, sent.textType());
        assertEquals("Joanna", sent.voiceIdAsString());
        assertEquals(Engine.GENERATIVE, sent.engine());
        assertEquals("en-US", sent.languageCodeAsString());
        assertEquals(OutputFormat.MP3, sent.outputFormat());
        assertNull(sent.sampleRate());
        assertArrayEquals(FakePolly.audioFor(sent), audio.audio());
        assertEquals(15, audio.requestCharacters());
    }

    @Test
    void ssmlIsSentAsSsmlAndPcmAsksForItsFixedSampleRate() {
        synthesizer.synthesize(new SpeechJob("<speak>Hola</speak>", true, "Lupe", SpeechEngine.NEURAL, "es-US",
                AudioFormat.PCM, LIMIT));

        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals(TextType.SSML, sent.textType());
        assertEquals(Engine.NEURAL, sent.engine());
        assertEquals(OutputFormat.PCM, sent.outputFormat());
        assertEquals("16000", sent.sampleRate());
    }

    @Test
    void oggVorbisAndLongFormKeepPollysNames() {
        synthesizer.synthesize(new SpeechJob("Hi", false, "Gregory", SpeechEngine.LONG_FORM, "en-US",
                AudioFormat.OGG_VORBIS, LIMIT));

        assertEquals(OutputFormat.OGG_VORBIS, polly.lastSynthesis().outputFormat());
        assertEquals(Engine.LONG_FORM, polly.lastSynthesis().engine());
    }

    @Test
    void eachPollyFailureBecomesAKindTheServiceCanAnswer() {
        assertEquals(Kind.THROTTLED, kindWhenSynthesisThrows(null));
        assertEquals(Kind.SSML_REFUSED, kindOf(new SpeechJob("<speak><emphasis>No</emphasis></speak>", true,
                "Joanna", SpeechEngine.NEURAL, "en-US", AudioFormat.MP3, LIMIT)));
        assertEquals(Kind.ENGINE_REFUSED, kindWhenSynthesisThrows(polly.faults.error(
                EngineNotSupportedException.builder(), "EngineNotSupportedException", "not here")));
        assertEquals(Kind.LANGUAGE_REFUSED, kindWhenSynthesisThrows(polly.faults.error(
                LanguageNotSupportedException.builder(), "LanguageNotSupportedException", "no")));
        assertEquals(Kind.TEXT_TOO_LONG, kindWhenSynthesisThrows(polly.faults.error(
                TextLengthExceededException.builder(), "TextLengthExceededException", "long")));
        assertEquals(Kind.UNAVAILABLE, kindWhenSynthesisThrows(polly.faults.error(
                ServiceFailureException.builder(), "ServiceFailureException", "boom")));
        assertEquals(Kind.UNAVAILABLE, kindWhenSynthesisThrows(SdkClientException.create(
                "Unable to unmarshall response")));
    }

    @Test
    void noAnswerFromPollyIsUnreachableNotAFailureOfPolly() {
        assertEquals(Kind.UNREACHABLE, kindWhenSynthesisThrows(SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused"))));
        assertEquals(Kind.UNREACHABLE, kindWhenSynthesisThrows(SdkClientException.create(
                "Unable to execute HTTP request", new SocketTimeoutException("Read timed out"))));
        assertEquals(Kind.UNREACHABLE, kindWhenSynthesisThrows(ApiCallTimeoutException.create(18_000)));
        assertEquals(Kind.UNREACHABLE, kindWhenSynthesisThrows(ApiCallAttemptTimeoutException.create(9_000)));
    }

    @Test
    void eachCallCarriesItsTimeLimitSoAHangingPollyCannotOutlastTheRequest() {
        synthesizer.synthesize(new SpeechJob("Hi", false, "Joanna", SpeechEngine.STANDARD, "en-US", AudioFormat.MP3,
                Duration.ofMillis(4321)));
        assertEquals(Duration.ofMillis(4321), polly.lastSynthesis().overrideConfiguration().orElseThrow()
                .apiCallTimeout().orElseThrow());

        synthesizer.voices();
        for (var request : polly.describeRequests) {
            var limits = request.overrideConfiguration().orElseThrow();
            Duration call = limits.apiCallTimeout().orElseThrow();
            assertTrue(call.compareTo(Duration.ZERO) > 0
                    && call.compareTo(PollySpeechSynthesizer.VOICES_TIME_LIMIT) <= 0, call.toString());
            assertEquals(PollySpeechSynthesizer.VOICES_ATTEMPT_LIMIT, limits.apiCallAttemptTimeout().orElseThrow());
        }
    }

    @Test
    void aThrottledDescribeVoicesIsThrottled() {
        polly.faults.throttle();

        SpeechSynthesisException failure = assertThrows(SpeechSynthesisException.class, synthesizer::voices);

        assertEquals(Kind.THROTTLED, failure.kind());
    }

    @Test
    void audioLargerThanAPreviewCanCarryIsRefusedNotTruncated() {
        PollySpeechSynthesizer small = new PollySpeechSynthesizer(polly, 10);
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 7);
        polly.answerAudio(eleven);

        SpeechSynthesisException failure = assertThrows(SpeechSynthesisException.class, () -> small.synthesize(
                new SpeechJob("Hi", false, "Joanna", SpeechEngine.STANDARD, "en-US", AudioFormat.PCM, LIMIT)));
        assertEquals(Kind.AUDIO_TOO_LONG, failure.kind());

        polly.answerAudio(Arrays.copyOf(eleven, 10));
        assertEquals(10, small.synthesize(new SpeechJob("Hi", false, "Joanna", SpeechEngine.STANDARD, "en-US",
                AudioFormat.PCM, LIMIT)).audio().length);
    }

    /** Null means Polly throttles. */
    private Kind kindWhenSynthesisThrows(RuntimeException failure) {
        FakePolly failing = new FakePolly();
        if (failure == null) {
            failing.faults.throttle();
        } else {
            failing.failSynthesisWith(failure);
        }
        return assertThrows(SpeechSynthesisException.class, () -> new PollySpeechSynthesizer(failing).synthesize(
                new SpeechJob("Hi", false, "Joanna", SpeechEngine.STANDARD, "en-US", AudioFormat.MP3, LIMIT))).kind();
    }

    private Kind kindOf(SpeechJob job) {
        return assertThrows(SpeechSynthesisException.class, () -> synthesizer.synthesize(job)).kind();
    }
}
