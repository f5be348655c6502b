package dev.connectconfig.previewspeech;

/**
 * A speech engine's failure, by what it means for the request rather than by the engine's own exception types. The
 * message and cause are for logs only; callers answer from the {@link Kind}.
 */
public final class SpeechSynthesisException extends RuntimeException {

    /** What went wrong, as far as the caller can act on it. */
    public enum Kind {
        /** The engine is rate-limiting us; the same request later will work. */
        THROTTLED,
        /** The engine answered with a failure of its own. */
        UNAVAILABLE,
        /** No answer: the connection was refused or dropped, or the engine did not answer in time. */
        UNREACHABLE,
        /** The engine refused the SSML, often a tag the chosen engine lacks (neural has no {@code <emphasis>}). */
        SSML_REFUSED,
        /** The voice has no such engine here (generative voices are not in every region). */
        ENGINE_REFUSED,
        LANGUAGE_REFUSED,
        TEXT_TOO_LONG,
        /** The audio is longer than {@link SpeechSynthesizer#MAX_AUDIO_BYTES}. */
        AUDIO_TOO_LONG;

        /** Another engine of the same voice may accept what this one refused. */
        boolean engineSpecific() {
            return this == SSML_REFUSED || this == ENGINE_REFUSED;
        }
    }

    private final Kind kind;

    public SpeechSynthesisException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
