package dev.connectconfig.core.render;

import java.util.List;
import java.util.Map;

/**
 * What a caller gets from a flow config: one flat map of strings (variables, prompts and the {@link ResultKeys}), the
 * language it was rendered for, the prompts no language fitted, and its size as Connect counts it.
 *
 * @param largestPrompts prompt names with their rendered size in bytes, largest first (at most five), so an author
 *                       whose result is too large knows what to shorten
 */
public record RenderedConfig(
        Map<String, String> values,
        String language,
        List<String> missingPrompts,
        int sizeBytes,
        List<Map.Entry<String, Integer>> largestPrompts) {

    /** Room kept below Connect's limit for the status keys GetConfig may still add (such as {@code stale}). */
    static final int HEADROOM_BYTES = 64;

    public boolean fitsConnectLimit() {
        return sizeBytes + HEADROOM_BYTES < ResultJson.CONNECT_LIMIT_BYTES;
    }

    /** A sentence for the config's author naming the largest prompts. */
    public String tooLargeMessage() {
        StringBuilder message = new StringBuilder("The result is ").append(sizeBytes)
                .append(" bytes; Amazon Connect accepts less than ").append(ResultJson.CONNECT_LIMIT_BYTES)
                .append(". Largest prompts:");
        for (Map.Entry<String, Integer> prompt : largestPrompts) {
            message.append(' ').append(prompt.getKey()).append(" (").append(prompt.getValue()).append(" bytes),");
        }
        message.setLength(message.length() - 1);
        return message.append('.').toString();
    }
}
