package dev.connectconfig.previewspeech;

import dev.connectconfig.aws.AwsErrors;
import dev.connectconfig.previewspeech.SpeechSynthesisException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.DescribeVoicesRequest;
import software.amazon.awssdk.services.polly.model.DescribeVoicesResponse;
import software.amazon.awssdk.services.polly.model.EngineNotSupportedException;
import software.amazon.awssdk.services.polly.model.InvalidSsmlException;
import software.amazon.awssdk.services.polly.model.LanguageNotSupportedException;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;
import software.amazon.awssdk.services.polly.model.TextLengthExceededException;
import software.amazon.awssdk.services.polly.model.TextType;
import software.amazon.awssdk.services.polly.model.Voice;

/**
 * Amazon Polly: {@code DescribeVoices} page by page, and {@code SynthesizeSpeech} read into memory up to a bound. Each
 * call is bounded in time, so a Polly that cannot be reached is answered as such while the editor still waits.
 */
public final class PollySpeechSynthesizer implements SpeechSynthesizer {

    /** DescribeVoices answers in pages; a runaway token loop must not hold the request until Lambda's timeout. */
    static final int MAX_VOICE_PAGES = 50;
    /** The voice list is a small answer: all its pages together get 5 s, one attempt 3 s. */
    static final Duration VOICES_TIME_LIMIT = Duration.ofSeconds(5);
    static final Duration VOICES_ATTEMPT_LIMIT = Duration.ofSeconds(3);

    private final PollyClient polly;
    private final int maxAudioBytes;

    public PollySpeechSynthesizer(PollyClient polly) {
        this(polly, MAX_AUDIO_BYTES);
    }

    PollySpeechSynthesizer(PollyClient polly, int maxAudioBytes) {
        this.polly = polly;
        this.maxAudioBytes = maxAudioBytes;
    }

    @Override
    public List<SpeechVoice> voices() {
        List<SpeechVoice> voices = new ArrayList<>();
        long deadline = System.nanoTime() + VOICES_TIME_LIMIT.toNanos();
        String token = null;
        int pages = 0;
        do {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                throw new SpeechSynthesisException(Kind.UNREACHABLE, "Polly DescribeVoices did not finish within "
                        + VOICES_TIME_LIMIT.toSeconds() + " s", null);
            }
            DescribeVoicesResponse page;
            try {
                // Bilingual voices (such as Aditi: en-IN and hi-IN) list their second language only when asked.
                page = polly.describeVoices(DescribeVoicesRequest.builder()
                        .includeAdditionalLanguageCodes(true)
                        .nextToken(token)
                        .overrideConfiguration(limits -> limits.apiCallTimeout(left)
                                .apiCallAttemptTimeout(VOICES_ATTEMPT_LIMIT))
                        .build());
            } catch (SdkException e) {
                throw failure(e, "DescribeVoices");
            }
            page.voices().forEach(voice -> voices.add(voice(voice)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty() && ++pages < MAX_VOICE_PAGES);
        return voices;
    }

    @Override
    public SpeechAudio synthesize(SpeechJob job) {
        SynthesizeSpeechRequest request = SynthesizeSpeechRequest.builder()
                .text(job.text())
                .textType(job.ssml() ? TextType.SSML : TextType.TEXT)
                .voiceId(job.voiceId())
                .engine(job.engine().wireName())
                .languageCode(job.languageCode())
                .outputFormat(job.format().wireName())
                .sampleRate(job.format().sampleRate())
                .overrideConfiguration(limits -> limits.apiCallTimeout(job.timeLimit()))
                .build();
        try (ResponseInputStream<SynthesizeSpeechResponse> audio = polly.synthesizeSpeech(request)) {
            byte[] bytes = audio.readNBytes(maxAudioBytes + 1);
            if (bytes.length > maxAudioBytes) {
                // Stop the download: the rest would be thrown away.
                audio.abort();
                throw new SpeechSynthesisException(Kind.AUDIO_TOO_LONG, "audio exceeds " + maxAudioBytes + " bytes",
                        null);
            }
            Integer characters = audio.response().requestCharacters();
            return new SpeechAudio(bytes, characters == null ? 0 : characters);
        } catch (SdkException e) {
            throw failure(e, "SynthesizeSpeech");
        } catch (IOException e) {
            // The answer had begun: the connection dropped or stalled while the audio came in.
            throw new SpeechSynthesisException(Kind.UNREACHABLE, "reading Polly's audio failed", e);
        }
    }

    private static SpeechVoice voice(Voice voice) {
        Set<SpeechEngine> engines = EnumSet.noneOf(SpeechEngine.class);
        // An engine newer than this code is skipped rather than offered under a name we cannot send back.
        voice.supportedEnginesAsStrings().forEach(name -> SpeechEngine.fromWireName(name).ifPresent(engines::add));
        return new SpeechVoice(voice.idAsString(), voice.languageCodeAsString(),
                voice.additionalLanguageCodesAsStrings(), engines);
    }

    private static SpeechSynthesisException failure(SdkException e, String operation) {
        String message = "Polly " + operation + " failed: " + AwsErrors.describe(e);
        Kind kind;
        if (AwsErrors.isThrottling(e)) {
            kind = Kind.THROTTLED;
        } else if (e instanceof InvalidSsmlException) {
            kind = Kind.SSML_REFUSED;
        } else if (e instanceof EngineNotSupportedException) {
            kind = Kind.ENGINE_REFUSED;
        } else if (e instanceof LanguageNotSupportedException) {
            kind = Kind.LANGUAGE_REFUSED;
        } else if (e instanceof TextLengthExceededException) {
            kind = Kind.TEXT_TOO_LONG;
        } else if (unreachable(e)) {
            kind = Kind.UNREACHABLE;
        } else {
            kind = Kind.UNAVAILABLE;
        }
        return new SpeechSynthesisException(kind, message, e);
    }

    /**
     * No answer from Polly, as opposed to an answer that is an error: a refused, reset or unresolvable connection, or
     * a call or attempt that ran out of time. The SDK reports these as client exceptions.
     */
    static boolean unreachable(SdkException e) {
        if (e instanceof AwsServiceException) {
            return false;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
