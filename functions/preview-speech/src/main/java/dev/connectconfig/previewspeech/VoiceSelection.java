package dev.connectconfig.previewspeech;

import java.util.List;

/**
 * The voice a preview speaks with, the language code sent to Polly, and the engines to try in order: one when the
 * request named it, otherwise the voice's engines from most to least natural.
 */
record VoiceSelection(SpeechVoice voice, String languageCode, List<SpeechEngine> engines) {

    VoiceSelection {
        engines = List.copyOf(engines);
    }
}
