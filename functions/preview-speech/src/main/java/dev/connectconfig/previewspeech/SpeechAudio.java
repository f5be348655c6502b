package dev.connectconfig.previewspeech;

/** Synthesized audio and the characters the engine counted (and bills) for it. */
public record SpeechAudio(byte[] audio, int requestCharacters) {
}
