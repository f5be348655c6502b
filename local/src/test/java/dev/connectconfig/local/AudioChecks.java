package dev.connectconfig.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Whether bytes are the audio they claim to be, by the formats' own markers, not by trusting a Content-Type. */
final class AudioChecks {

    private AudioChecks() {
    }

    /** An ID3 tag, or an MPEG audio frame's 11-bit sync word, at the start. */
    static boolean isMp3(byte[] audio) {
        if (audio.length < 4) {
            return false;
        }
        boolean id3 = audio[0] == 'I' && audio[1] == 'D' && audio[2] == '3';
        boolean frame = (audio[0] & 0xff) == 0xff && (audio[1] & 0xe0) == 0xe0;
        return id3 || frame;
    }

    /** An Ogg page whose first packet is a Vorbis identification header. */
    static boolean isOggVorbis(byte[] audio) {
        return audio.length > 64 && new String(audio, 0, 4, StandardCharsets.ISO_8859_1).equals("OggS")
                && new String(audio, 0, 64, StandardCharsets.ISO_8859_1).contains("\u0001vorbis");
    }

    /** 16-bit little-endian samples, at least a fifth of a second at 16 kHz, loud enough to be speech. */
    static boolean isAudiblePcm(byte[] pcm) {
        if (pcm.length < 6400 || pcm.length % 2 != 0) {
            return false;
        }
        ByteBuffer samples = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            double sample = samples.getShort(i);
            sum += sample * sample;
        }
        return Math.sqrt(sum / (pcm.length / 2.0)) > 300;
    }
}
