package dev.connectconfig.previewspeech;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio a preview can return, by Polly's output format names, with the media type served. Each media type must be
 * among the REST API's binary media types, or API Gateway would hand the browser base64 text instead of audio.
 */
public enum AudioFormat {
    MP3("mp3", "audio/mpeg", null),
    OGG_VORBIS("ogg_vorbis", "audio/ogg", null),
    /** Signed 16-bit little-endian mono; the rate is fixed so a player knows how to read the raw samples. */
    PCM("pcm", "audio/pcm", "16000");

    private final String wireName;
    private final String contentType;
    private final String sampleRate;

    AudioFormat(String wireName, String contentType, String sampleRate) {
        this.wireName = wireName;
        this.contentType = contentType;
        this.sampleRate = sampleRate;
    }

    public String wireName() {
        return wireName;
    }

    public String contentType() {
        return contentType;
    }

    /** The sample rate asked of Polly in Hz, or null for Polly's default for the engine. */
    public String sampleRate() {
        return sampleRate;
    }

    public static Optional<AudioFormat> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    static String choices() {
        return String.join(", ", Arrays.stream(values()).map(AudioFormat::wireName).toList());
    }
}
