package dev.connectconfig.previewspeech;

/** One synthesis: what to say ({@code ssml} when it is a {@code <speak>} document), in which voice, how and as what. */
public record SpeechJob(String text, boolean ssml, String voiceId, SpeechEngine engine, String languageCode,
        AudioFormat format) {
}
