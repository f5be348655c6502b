package dev.connectconfig.previewspeech;

import java.time.Duration;

/**
 * One synthesis: what to say ({@code ssml} when it is a {@code <speak>} document), in which voice, how and as what, and
 * how long the engine may take before the editor's request has to be answered without it.
 */
public record SpeechJob(String text, boolean ssml, String voiceId, SpeechEngine engine, String languageCode,
        AudioFormat format, Duration timeLimit) {
}
