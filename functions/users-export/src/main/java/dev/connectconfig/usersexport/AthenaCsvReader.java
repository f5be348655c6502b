package dev.connectconfig.usersexport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of the CSV object Athena writes for a query result, one at a time, so memory does not grow with
 * the row count. Athena quotes every value and doubles embedded quotes; a value may hold commas and line breaks; an
 * empty quoted value ({@code ""}) is an empty string and an empty unquoted one is NULL, and the two stay apart here.
 */
final class AthenaCsvReader implements Closeable {

    private static final int END = -1;

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private final StringBuilder value = new StringBuilder(256);
    private final List<String> record = new ArrayList<>();
    private long records;

    AthenaCsvReader(InputStream in) {
        // Malformed UTF-8 is an error, not a silent replacement character in someone's name.
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The next record's values (null for NULL), or null after the last record. */
    String[] next() throws IOException {
        int c = read();
        if (c == END) {
            return null;
        }
        record.clear();
        records++;
        while (true) {
            value.setLength(0);
            if (c == '"') {
                c = quotedValue();
                record.add(value.toString());
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != END) {
                    if (c == '"') {
                        throw malformed("a quote inside an unquoted value");
                    }
                    value.append((char) c);
                    c = read();
                }
                record.add(value.isEmpty() ? null : value.toString());
            }
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                c = read();
                if (c != '\n' && c != END) {
                    throw malformed("a carriage return outside quotes that does not end the line");
                }
            }
            return record.toArray(new String[0]);
        }
    }

    /** Reads a quoted value into {@link #value}; returns the character after its closing quote. */
    private int quotedValue() throws IOException {
        while (true) {
            int c = read();
            if (c == END) {
                throw malformed("a quoted value that never ends");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\n' && after != '\r' && after != END) {
                        throw malformed("text after a closing quote");
                    }
                    return after;
                }
            }
            value.append((char) c);
        }
    }

    /** How many records were read so far, the header included. */
    long records() {
        return records;
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return END;
            }
        }
        return buffer[position++];
    }

    private ExportFailedException malformed(String what) {
        // Names the record number only: the values are people's names and e-mail addresses.
        return new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE,
                "the query result is not valid Athena CSV: " + what + " in record " + records);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
