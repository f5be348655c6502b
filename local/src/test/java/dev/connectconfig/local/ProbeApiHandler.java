package dev.connectconfig.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A proxy-integration function for ApiGatewayIT: what it does is chosen by the {@code {case}} path parameter. */
public final class ProbeApiHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String which = String.valueOf(((Map<String, Object>) event.get("pathParameters")).get("case"));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        switch (which) {
            case "event" -> {
                response.put("headers", Map.of("Content-Type", "application/json", "X-Probe", "one"));
                response.put("multiValueHeaders", Map.of("Set-Cookie", List.of("a=1", "b=2")));
                response.put("body", json(event));
            }
            case "binary" -> {
                response.put("headers", Map.of("Content-Type", "audio/mpeg"));
                response.put("body", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfb, 0, 1}));
                response.put("isBase64Encoded", true);
            }
            case "speak" -> {
                response.put("headers", Map.of("Content-Type", "audio/pcm"));
                response.put("body", Base64.getEncoder().encodeToString(speak()));
                response.put("isBase64Encoded", true);
            }
            case "fail" -> throw new IllegalStateException("refused on purpose");
            case "sleep" -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
                return Map.of("not", "a proxy response");
            }
        }
        return response;
    }

    /** JSON by hand: only the function's own classes and the runtime are on its class path, no JSON library. */
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((key, item) -> out.append(out.length() > 1 ? "," : "").append(json(String.valueOf(key)))
                    .append(':').append(json(item)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(ProbeApiHandler::json).toList()) + "]";
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                out.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c)
                        : String.valueOf(c));
            }
            return out.append('"').toString();
        }
        return String.valueOf(value);
    }

    /** SynthesizeSpeech over plain HTTP, so this probe needs no SDK on its class path. */
    private static byte[] speak() {
        try {
            HttpURLConnection polly = (HttpURLConnection) URI.create(System.getenv("AWS_ENDPOINT_URL_POLLY")
                    + "/v1/speech").toURL().openConnection();
            polly.setRequestMethod("POST");
            polly.setDoOutput(true);
            polly.getOutputStream().write("{\"Text\": \"Hello\", \"VoiceId\": \"Joanna\", \"OutputFormat\": \"pcm\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return polly.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
