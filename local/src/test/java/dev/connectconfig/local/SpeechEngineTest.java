package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SpeechEngineTest {

    /** A WAV file as espeak-ng streams it: the RIFF and data sizes are placeholders, not the real lengths. */
    private static byte[] streamedWav(int rate, short... samples) {
        ByteBuffer wav = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.putInt(0x46464952).putInt(0x7ffff024).putInt(0x45564157);
        wav.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        wav.putInt(0x61746164).putInt(0x7ffff000);
        for (short sample : samples) {
            wav.putShort(sample);
        }
        return wav.array();
    }

    @Test
    void samplesAreReadFromAStreamedWav() {
        SpeechEngine.Pcm pcm = SpeechEngine.fromWav(streamedWav(22050, (short) 1, (short) -2, (short) 300));
        assertEquals(22050, pcm.sampleRate());
        assertArrayEquals(new byte[] {1, 0, -2, -1, 44, 1}, pcm.samples());
    }

    @Test
    void somethingElseIsNotTakenForAudio() {
        assertThrows(IllegalStateException.class, () -> SpeechEngine.fromWav("not a wav file".getBytes()));
    }

    @Test
    void resamplingKeepsTheDurationAndInterpolates() {
        SpeechEngine.Pcm pcm = SpeechEngine.fromWav(streamedWav(16000, (short) 0, (short) 100, (short) 200,
                (short) 300));
        SpeechEngine.Pcm half = SpeechEngine.resample(pcm, 8000);
        assertEquals(8000, half.sampleRate());
        ByteBuffer samples = ByteBuffer.wrap(half.samples()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4, half.samples().length);
        assertEquals(0, samples.getShort(0));
        assertEquals(200, samples.getShort(2));
        assertEquals(pcm, SpeechEngine.resample(pcm, 16000));
    }
}
