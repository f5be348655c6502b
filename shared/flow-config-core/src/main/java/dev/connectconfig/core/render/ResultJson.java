package dev.connectconfig.core.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The one encoding of a flat string map as the JSON GetConfig sends, and the one count of its bytes: both run the same
 * {@link #encode} over a sink that either stores or counts, so the 32 KB guard at write, in the preview and in
 * GetConfig measures exactly the bytes Amazon Connect receives.
 *
 * <p>Compact JSON in UTF-8. Only what JSON requires is escaped: {@code "}, {@code \} and the control characters below
 * U+0020 ({@code \b \f \n \r \t} short, the rest as {@code \}{@code u00XX}). Everything else, emoji and other characters
 * beyond the BMP included, is written as raw UTF-8 (a 4-byte sequence, not a 12-byte escaped surrogate pair).
 * U+2028 and U+2029 are written raw: JSON allows them, and Connect parses the result as JSON, never as JavaScript.
 * A lone surrogate has no UTF-8 form, so it is written as its {@code \}{@code uXXXX} escape: valid JSON that gives a
 * JSON parser back the same Java string, where UTF-8 would have to replace it.
 */
public final class ResultJson {

    /** Amazon Connect refuses a Lambda result of 32 KB or more. */
    public static final int CONNECT_LIMIT_BYTES = 32 * 1024;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ResultJson() {
    }

    /** UTF-8 bytes of {@code map} as {@link #write} writes it. */
    public static int jsonBytes(Map<String, String> map) {
        Counter counter = new Counter();
        encode(map, counter);
        return counter.count;
    }

    /** UTF-8 bytes of one JSON string literal as {@link #write} writes it, quotes and escapes included. */
    public static int jsonStringBytes(String value) {
        Counter counter = new Counter();
        encode(value, counter);
        return counter.count;
    }

    /** {@code map} as compact JSON in UTF-8. */
    public static byte[] toBytes(Map<String, String> map) {
        Buffer buffer = new Buffer(jsonBytesHint(map));
        encode(map, buffer);
        return buffer.toByteArray();
    }

    /** One JSON string literal in UTF-8, quotes included. */
    public static byte[] stringToBytes(String value) {
        Buffer buffer = new Buffer(16);
        encode(value, buffer);
        return buffer.toByteArray();
    }

    public static void write(Map<String, String> map, OutputStream output) throws IOException {
        output.write(toBytes(map));
        output.flush();
    }

    private static int jsonBytesHint(Map<String, String> map) {
        return 64 + 32 * map.size();
    }

    private static void encode(Map<String, String> map, Sink out) {
        out.put('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (!first) {
                out.put(',');
            }
            first = false;
            encode(entry.getKey(), out);
            out.put(':');
            encode(entry.getValue(), out);
        }
        out.put('}');
    }

    private static void encode(String value, Sink out) {
        if (value == null) {
            out.put('n');
            out.put('u');
            out.put('l');
            out.put('l');
            return;
        }
        out.put('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '"' -> escape(out, '"');
                    case '\\' -> escape(out, '\\');
                    case '\b' -> escape(out, 'b');
                    case '\f' -> escape(out, 'f');
                    case '\n' -> escape(out, 'n');
                    case '\r' -> escape(out, 'r');
                    case '\t' -> escape(out, 't');
                    default -> {
                        if (c < 0x20) {
                            unicodeEscape(out, c);
                        } else {
                            out.put(c);
                        }
                    }
                }
            } else if (c < 0x800) {
                out.put(0xC0 | (c >> 6));
                out.put(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out.put(0xF0 | (codePoint >> 18));
                out.put(0x80 | ((codePoint >> 12) & 0x3F));
                out.put(0x80 | ((codePoint >> 6) & 0x3F));
                out.put(0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(out, c);
            } else {
                out.put(0xE0 | (c >> 12));
                out.put(0x80 | ((c >> 6) & 0x3F));
                out.put(0x80 | (c & 0x3F));
            }
        }
        out.put('"');
    }

    private static void escape(Sink out, char letter) {
        out.put('\\');
        out.put(letter);
    }

    private static void unicodeEscape(Sink out, char c) {
        out.put('\\');
        out.put('u');
        out.put(HEX[(c >> 12) & 0xF]);
        out.put(HEX[(c >> 8) & 0xF]);
        out.put(HEX[(c >> 4) & 0xF]);
        out.put(HEX[c & 0xF]);
    }

    private interface Sink {
        void put(int b);
    }

    private static final class Counter implements Sink {
        int count;

        @Override
        public void put(int b) {
            count++;
        }
    }

    private static final class Buffer implements Sink {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void put(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
