package dev.connectconfig.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bytes GetConfig writes and the count every 32 KB guard uses are one and the same. */
class ResultJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String written(String value) {
        return new String(ResultJson.stringToBytes(value), StandardCharsets.UTF_8);
    }

    @Test
    void onlyWhatJsonRequiresIsEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", written("a\"b\\c"));
        assertEquals("\"\\n\\t\\r\\b\\f\"", written("\n\t\r\b\f"));
        assertEquals("\"\\u0000\\u0001\\u001F\\u000B\"", written("\u0000\u0001\u001f\u000b"));
        assertEquals("\"/ \u007f é 欢迎 \u2028\u2029\"", written("/ \u007f é 欢迎 \u2028\u2029"));
    }

    @Test
    void anEmojiIsFourRawBytesNotATwelveByteEscapedSurrogatePair() {
        byte[] bytes = ResultJson.stringToBytes("😀");

        assertArrayEquals(new byte[] {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '"'}, bytes);
        assertEquals(6, ResultJson.jsonStringBytes("😀"));
        assertEquals(2 + 4 * 4_000, ResultJson.jsonStringBytes("😀".repeat(4_000)));
    }

    @Test
    void aLoneSurrogateIsEscapedSoAParserGetsTheSameStringBack() throws Exception {
        assertEquals("\"a\\uD83Db\\uDE00\"", written("a\uD83Db\uDE00"));
        assertEquals("\"\\uDE00\\uD83D\"", written("\uDE00\uD83D"));
        assertEquals("x\uD83D", JSON.readValue(ResultJson.stringToBytes("x\uD83D"), String.class));
    }

    @Test
    void combiningMarksAndCjkAreCountedAsTheirUtf8() {
        String text = "e\u0301 a\u0308 漢字 한국어";
        assertEquals(2 + text.getBytes(StandardCharsets.UTF_8).length, ResultJson.jsonStringBytes(text));
    }

    @Test
    void aMapIsCompactJsonThatParsesBackAndIsCountedExactly() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("quote\"d", "tab\there ü 欢迎 😀 \u0001");
        values.put("b", "");
        values.put("n", null);

        byte[] bytes = ResultJson.toBytes(values);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        ResultJson.write(values, streamed);

        assertEquals("{\"quote\\\"d\":\"tab\\there ü 欢迎 😀 \\u0001\",\"b\":\"\",\"n\":null}",
                new String(bytes, StandardCharsets.UTF_8));
        assertArrayEquals(bytes, streamed.toByteArray());
        assertEquals(bytes.length, ResultJson.jsonBytes(values));
        assertEquals(values, JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, String>>() { }));
    }

    /** Property: for random strings from every class of character, the count is the written length, and it parses back. */
    @Test
    void forManyRandomStringsTheCountIsTheWrittenLength() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_601);
        for (int round = 0; round < 20_000; round++) {
            String value = randomString(random, random.nextInt(0, 40));
            byte[] bytes = ResultJson.stringToBytes(value);

            assertEquals(ResultJson.jsonStringBytes(value), bytes.length, () -> "for " + escapedForMessage(value));
            assertEquals(bytes.length, new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length,
                    () -> "not valid UTF-8 for " + escapedForMessage(value));
            assertEquals(value, JSON.readValue(bytes, String.class), () -> "round trip of " + escapedForMessage(value));

            Map<String, String> map = new LinkedHashMap<>();
            map.put(value, randomString(random, random.nextInt(0, 10)));
            map.put("k" + round, value);
            assertEquals(ResultJson.jsonBytes(map), ResultJson.toBytes(map).length);
        }
    }

    private static String randomString(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(9)) {
                case 0 -> text.append((char) random.nextInt(0, 0x20));
                case 1 -> text.append("\"\\/\n\t\r\b\f".charAt(random.nextInt(8)));
                case 2 -> text.append((char) random.nextInt(0x20, 0x80));
                case 3 -> text.append((char) random.nextInt(0x80, 0x800));
                case 4 -> text.append((char) random.nextInt(0x800, 0xD800));
                case 5 -> text.appendCodePoint(random.nextInt(0x10000, 0x110000));
                case 6 -> text.append((char) random.nextInt(0xD800, 0xE000)); // a lone surrogate, most of the time
                case 7 -> text.append((char) random.nextInt(0xE000, 0x10000));
                default -> text.append(random.nextBoolean() ? '\u2028' : '\u0301');
            }
        }
        return text.toString();
    }

    private static String escapedForMessage(String value) {
        StringBuilder hex = new StringBuilder();
        value.chars().forEach(c -> hex.append(String.format("\\u%04X", c)));
        return hex.toString();
    }
}
