package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AthenaCsvReaderTest {

    private static List<String[]> parse(String csv) throws IOException {
        return parse(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String[]> parse(byte[] csv) throws IOException {
        List<String[]> records = new ArrayList<>();
        try (AthenaCsvReader reader = new AthenaCsvReader(new ByteArrayInputStream(csv))) {
            for (String[] record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void quotedValuesKeepCommasQuotesAndLineBreaks() throws IOException {
        List<String[]> records = parse("""
                "username","display_name","note"
                "jdoe","Doe, Jane","said ""hi"" twice"
                "mm","Müller","line one
                line two"
                "crlf","x","a\r\nb"
                """);

        assertEquals(4, records.size());
        assertArrayEquals(new String[] {"jdoe", "Doe, Jane", "said \"hi\" twice"}, records.get(1));
        assertArrayEquals(new String[] {"mm", "Müller", "line one\nline two"}, records.get(2));
        assertArrayEquals(new String[] {"crlf", "x", "a\r\nb"}, records.get(3));
    }

    @Test
    void anEmptyQuotedValueIsAnEmptyStringAndAnEmptyUnquotedOneIsNull() throws IOException {
        List<String[]> records = parse("\"a\",\"\",,\"\"\"\"\n\"b\",,\"\",\n");

        assertArrayEquals(new String[] {"a", "", null, "\""}, records.get(0));
        assertArrayEquals(new String[] {"b", null, "", null}, records.get(1), "a trailing comma is a NULL value");
    }

    @Test
    void windowsLineEndingsAndAMissingFinalLineBreakAreAccepted() throws IOException {
        List<String[]> records = parse("\"a\",\"b\"\r\n\"c\",\"d\"");

        assertEquals(2, records.size());
        assertArrayEquals(new String[] {"c", "d"}, records.get(1));
    }

    @Test
    void anEmptyObjectHasNoRecordsAndAHeaderOnlyObjectHasOne() throws IOException {
        assertEquals(0, parse("").size());
        assertEquals(1, parse("\"user_id\",\"username\"\n").size());
    }

    @Test
    void valuesLongerThanTheReadBufferAndMultiByteCharactersAcrossItsEdgeSurvive() throws IOException {
        String longValue = "é".repeat(40_000) + "😀" + "x".repeat(70_000);
        String[] record = parse("\"" + longValue + "\",\"end\"\n").get(0);

        assertEquals(longValue, record[0]);
        assertEquals("end", record[1]);
    }

    @Test
    void aQuotedValueThatNeverEndsIsRejectedNamingTheRecordNotItsContent() {
        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> parse("\"h\"\n\"ok\"\n\"secret@example.com,\n"));

        assertEquals(ExportFailedException.Reason.RESULT_UNREADABLE, e.reason());
        assertTrue(e.getMessage().contains("record 3"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "a user's data must not reach logs or the DLQ");
    }

    @Test
    void textAfterAClosingQuoteOrAQuoteInsideAnUnquotedValueIsRejected() {
        assertThrows(ExportFailedException.class, () -> parse("\"a\"b,\"c\"\n"));
        assertThrows(ExportFailedException.class, () -> parse("a\"b,\"c\"\n"));
    }

    @Test
    void malformedUtf8IsAnErrorNotAReplacementCharacter() {
        byte[] bad = {'"', 'a', (byte) 0xC3, '"', '\n'};

        assertThrows(MalformedInputException.class, () -> parse(bad));
    }

    @Test
    void recordsAreCountedHeaderIncluded() throws IOException {
        try (AthenaCsvReader reader = new AthenaCsvReader(new ByteArrayInputStream(
                UserRecords.athenaCsv(3).getBytes(StandardCharsets.UTF_8)))) {
            while (reader.next() != null) {
                assertTrue(reader.records() <= 4);
            }
            assertEquals(4, reader.records());
            assertNull(reader.next());
        }
    }
}
