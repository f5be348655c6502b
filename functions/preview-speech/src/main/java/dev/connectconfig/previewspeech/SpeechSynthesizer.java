package dev.connectconfig.previewspeech;

import java.util.List;

/**
 * A text-to-speech engine: the voices it offers and one synthesis at a time. Amazon Polly in AWS; another engine can
 * stand in (through the handler's package-private constructor) as long as it reports failures the same way.
 */
public interface SpeechSynthesizer {

    /**
     * Lambda returns at most 6 MB and the audio travels base64-encoded (4 bytes for every 3), so this much audio is
     * the most one preview can carry.
     */
    int MAX_AUDIO_BYTES = 4_500_000;

    /** Every voice, with its languages and engines; callers cache the answer. */
    List<SpeechVoice> voices();

    /** @throws SpeechSynthesisException for every failure, with a kind the caller can act on */
    SpeechAudio synthesize(SpeechJob job);
}
