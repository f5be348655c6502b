package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.render.ResultJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connect's 32 KB limit counted as GetConfig sends: at write and in the preview, for emoji, CJK, combining marks and
 * every escape, on the voice and the chat channel.
 */
class ResultSizeIT extends ApiIntegrationTest {

    private static final String EVERY_KIND = "😀👍🏽 欢迎 e\u0301 \" \\ \n \t \r \b \f \u0001\u001f \u2028 é";
    /** What a write accepts of it: no control character but newline and tab. */
    private static final String WRITABLE = "😀👍🏽 欢迎 e\u0301 \" \\ \n \t \u2028 é";

    private static Map<String, Object> config(String id, String voice, String chat) {
        return config(id, voice, chat, WRITABLE);
    }

    private static Map<String, Object> config(String id, String voice, String chat, String note) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("voice", voice);
        text.put("chat", chat);
        return Map.of("id", id, "description", "size", "defaultLanguage", "en-US",
                "variables", Map.of("Note", note), "prompts", Map.of("Welcome", Map.of("en-US", text)));
    }

    private static APIGatewayProxyResponseEvent create(String id, Map<String, Object> config) {
        return api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}").id(id).header("If-None-Match", "*")
                .json(config).claims(ApiFixture.admin()).build());
    }

    private static JsonNode preview(String id, String channel) {
        return preview(id, Map.of("channel", channel));
    }

    private static JsonNode preview(String id, Map<String, Object> request) {
        APIGatewayProxyResponseEvent response = api.invoke(new ApiFixture.Request("POST", "/flow-configs/{id}/preview")
                .id(id).json(request).claims(ApiFixture.admin()).build());
        assertEquals(200, response.getStatusCode(), response.getBody());
        return body(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"voice", "chat"})
    void thePreviewCountsExactlyTheBytesGetConfigWrites(String channel) {
        String emoji = "😀".repeat(4_000);
        String voice = "<speak>" + emoji + " 欢迎 a\u0301 é</speak>";
        // Stored, with what a write accepts; and unsaved, with every escape JSON has (the preview renders it anyway).
        String id = "size-every-kind-" + channel;
        assertEquals(201, create(id, config(id, voice, emoji + WRITABLE)).getStatusCode());
        for (JsonNode preview : java.util.List.of(preview(id, channel), preview(id, Map.of("channel", channel,
                "config", config(id, voice, emoji + EVERY_KIND, EVERY_KIND))))) {
            Map<String, String> result = new LinkedHashMap<>();
            preview.get("result").properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));

            assertTrue(result.get("Welcome").contains(emoji));
            assertEquals(ResultJson.toBytes(result).length, preview.get("sizeBytes").asInt(), preview.toString());
            assertTrue(preview.get("sizeBytes").asInt() > 16_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"voice", "chat"})
    void aWriteWhoseEmojiResultIsTooLargeOnOneChannelIsRefusedAndOneJustUnderIsStored(String channel) {
        // 8,200 emoji are 32,802 bytes as sent: over the limit on the channel that carries them.
        String big = "😀".repeat(8_200);
        String id = "size-big-" + channel;
        Map<String, Object> tooLarge = channel.equals("voice") ? config(id, "<speak>" + big + "</speak>", "Hi")
                : config(id, "<speak>Hi</speak>", big);
        APIGatewayProxyResponseEvent refused = create(id, tooLarge);
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertTrue(refused.getBody().contains("Welcome (32"), refused.getBody());

        // 7,900 emoji (31,602 bytes) fit, and the preview counts what GetConfig would send.
        String fits = "😀".repeat(7_900);
        String okId = "size-fits-" + channel;
        Map<String, Object> fitting = channel.equals("voice") ? config(okId, "<speak>" + fits + "</speak>", "Hi")
                : config(okId, "<speak>Hi</speak>", fits);
        assertEquals(201, create(okId, fitting).getStatusCode());
        JsonNode preview = preview(okId, channel);
        assertEquals(fits.length() / 2, preview.get("result").get("Welcome").asText().replaceAll("</?speak>", "")
                .codePointCount(0, fits.length()));
        assertTrue(preview.get("sizeBytes").asInt() < ResultJson.CONNECT_LIMIT_BYTES);
    }
}
