package dev.connectconfig.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A speech engine installed on this machine, standing in for Amazon Polly offline: espeak-ng speaks (SSML too); lame,
 * when installed, encodes MP3 and oggenc (vorbis-tools) Ogg Vorbis. Audio from it is a local preview, not Polly's voice.
 */
final class SpeechEngine {

    static final String ESPEAK = "espeak-ng";
    static final String LAME = "lame";
    static final String OGGENC = "oggenc";
    private static final long TIMEOUT_SECONDS = 20;

    /** 16-bit signed little-endian mono samples at a rate. */
    record Pcm(byte[] samples, int sampleRate) {
    }

    private final boolean mp3;
    private final boolean ogg;

    SpeechEngine(boolean mp3, boolean ogg) {
        this.mp3 = mp3;
        this.ogg = ogg;
    }

    /** The engine, when espeak-ng is on the PATH, with the encoders that are. */
    static Optional<SpeechEngine> find() {
        if (!installed(ESPEAK)) {
            return Optional.empty();
        }
        return Optional.of(new SpeechEngine(installed(LAME), installed(OGGENC)));
    }

    /** Polly's output formats this engine makes, by Polly's names. */
    List<String> formats() {
        List<String> formats = new ArrayList<>();
        if (mp3) {
            formats.add("mp3");
        }
        if (ogg) {
            formats.add("ogg_vorbis");
        }
        formats.add("pcm");
        return formats;
    }

    /** Why {@code format} cannot be made here and what would make it, or empty when it can. */
    Optional<String> refusal(String format) {
        if (formats().contains(format)) {
            return Optional.empty();
        }
        String makes = "the local speech engine makes " + String.join(", ", formats());
        return Optional.of(switch (format) {
            case "mp3" -> "OutputFormat mp3 needs lame (apt-get install lame); " + makes;
            case "ogg_vorbis" -> "OutputFormat ogg_vorbis needs oggenc (apt-get install vorbis-tools); " + makes;
            case "json" -> "OutputFormat json (speech marks) has no local engine; " + makes;
            default -> "OutputFormat '" + format + "' is not one of Polly's audio formats; " + makes;
        });
    }

    String describe() {
        List<String> missing = new ArrayList<>();
        if (!mp3) {
            missing.add(LAME + " for mp3");
        }
        if (!ogg) {
            missing.add("vorbis-tools for ogg_vorbis");
        }
        return ESPEAK + " (" + String.join(", ", formats())
                + (missing.isEmpty() ? "" : "; install " + String.join(" and ", missing)) + ")";
    }

    /** Speaks {@code text} (SSML when {@code ssml}) in an espeak-ng voice such as {@code en-us}. */
    Pcm speak(String text, boolean ssml, String voice) throws IOException {
        List<String> command = new ArrayList<>(List.of(ESPEAK, "--stdout", "--stdin", "-v", voice));
        if (ssml) {
            command.add("-m");
        }
        byte[] wav = run(command, text.getBytes(StandardCharsets.UTF_8));
        return fromWav(wav);
    }

    /** MP3 at the PCM's own rate. */
    byte[] mp3(Pcm pcm) throws IOException {
        String rate = String.format(java.util.Locale.ROOT, "%.3f", pcm.sampleRate() / 1000.0);
        return run(List.of(LAME, "--quiet", "-r", "-s", rate, "--bitwidth", "16", "--signed", "--little-endian",
                "-m", "m", "-", "-"), pcm.samples());
    }

    /** Ogg Vorbis at the PCM's own rate. */
    byte[] ogg(Pcm pcm) throws IOException {
        return run(List.of(OGGENC, "--quiet", "--raw", "--raw-bits=16", "--raw-chan=1",
                "--raw-rate=" + pcm.sampleRate(), "--raw-endianness=0", "-o", "-", "-"), pcm.samples());
    }

    /** Linear resampling, enough for a preview at Polly's PCM rates (8000 or 16000 Hz). */
    static Pcm resample(Pcm pcm, int rate) {
        if (pcm.sampleRate() == rate) {
            return pcm;
        }
        ByteBuffer in = ByteBuffer.wrap(pcm.samples()).order(ByteOrder.LITTLE_ENDIAN);
        int inCount = pcm.samples().length / 2;
        int outCount = (int) ((long) inCount * rate / pcm.sampleRate());
        ByteBuffer out = ByteBuffer.allocate(outCount * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < outCount; i++) {
            double position = (double) i * pcm.sampleRate() / rate;
            int left = (int) position;
            int right = Math.min(left + 1, inCount - 1);
            double fraction = position - left;
            double sample = in.getShort(left * 2) * (1 - fraction) + in.getShort(right * 2) * fraction;
            out.putShort((short) Math.round(sample));
        }
        return new Pcm(out.array(), rate);
    }

    /** The samples of a canonical PCM WAV file (espeak-ng writes one), found by walking its chunks. */
    static Pcm fromWav(byte[] wav) {
        ByteBuffer buffer = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || buffer.getInt(0) != 0x46464952 || buffer.getInt(8) != 0x45564157) {
            throw new IllegalStateException("espeak-ng did not produce a WAV file");
        }
        int rate = 22050;
        int offset = 12;
        while (offset + 8 <= wav.length) {
            int id = buffer.getInt(offset);
            int size = buffer.getInt(offset + 4);
            if (id == 0x20746d66) {
                rate = buffer.getInt(offset + 12);
            } else if (id == 0x61746164) {
                // espeak-ng streams to stdout, so the data chunk's size field may be a placeholder
                int end = size <= 0 || offset + 8 + size > wav.length ? wav.length : offset + 8 + size;
                byte[] samples = java.util.Arrays.copyOfRange(wav, offset + 8, end - ((end - offset - 8) % 2));
                return new Pcm(samples, rate);
            }
            offset += 8 + size + (size % 2);
        }
        throw new IllegalStateException("espeak-ng's WAV file has no data chunk");
    }

    private static byte[] run(List<String> command, byte[] input) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String name = command.get(0);
        CompletableFuture<byte[]> output = ChildProcessPipes.all(name + " stdout", process.getInputStream());
        ChildProcessPipes.write(name + " stdin", process.getOutputStream(), input);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(name + " failed with status " + process.exitValue());
            }
            return output.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(name + " output could not be read", e);
        }
    }

    private static boolean installed(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
