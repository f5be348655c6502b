package dev.connectconfig.getconfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.connectconfig.core.render.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Lambda event with Jackson's streaming parser and writes GetConfig's answer with {@link ResultJson}: the JSON
 * Lambda passes, without the runtime's POJO serialization (about 690 classes) or Jackson databind on the cold path.
 */
final class InvocationJson {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private InvocationJson() {
    }

    /** The event as maps, lists, strings, numbers and booleans; null when it is not a JSON object. */
    static Map<String, Object> readObject(InputStream input) {
        try (JsonParser parser = FACTORY.createParser(input)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> event = readMembers(parser);
            return parser.nextToken() == null ? event : null;
        } catch (IOException e) {
            // not JSON, or nested deeper than any Connect event: treated like any other event that is no object
            return null;
        }
    }

    /** The answer as {@link ResultJson} writes it: exactly the bytes the 32 KB guard counted. */
    static void writeObject(Map<String, String> values, OutputStream output) throws IOException {
        ResultJson.write(values, output);
    }

    private static Map<String, Object> readMembers(JsonParser parser) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            members.put(name, readValue(parser));
        }
        return members;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readMembers(parser);
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                yield items;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
