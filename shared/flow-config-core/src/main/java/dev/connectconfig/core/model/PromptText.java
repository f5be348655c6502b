package dev.connectconfig.core.model;

/**
 * One prompt in one language: {@code voice} is plain text or SSML in a {@code <speak>} root, {@code chat} the optional
 * text for chat, task and email channels.
 */
public record PromptText(String voice, String chat) {

    public static PromptText voice(String voice) {
        return new PromptText(voice, null);
    }
}
