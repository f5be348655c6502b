package dev.connectconfig.previewspeech;

import dev.connectconfig.api.PrimingRequest;
import java.time.Duration;
import java.util.Map;

/**
 * Runs PreviewSpeech's call path once before a SnapStart snapshot: a stored prompt of a config no one has, so the
 * request is parsed, the caller authorised and DynamoDB read, and Polly is never asked to speak (nothing is billed).
 */
final class Priming {

    static final Duration PRIMING_TIME = Duration.ofSeconds(10);

    private Priming() {
    }

    /** The status the priming request got, or -1 when its call path threw (the snapshot is taken either way). */
    static int prime(PreviewSpeechHandler handler) {
        return PrimingRequest.prime(event -> handler.respond(event, PRIMING_TIME),
                PrimingRequest.of("POST", "/preview-speech", "/preview-speech", Map.of(),
                        "{\"flowConfigId\": \"" + PrimingRequest.CONFIG_ID
                                + "\", \"prompt\": \"Welcome\", \"languageCode\": \"en-US\"}"));
    }
}
