package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowWritersTest {

    private static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("username", "varchar"),
            new ResultColumn("auto_accept", "boolean"), new ResultColumn("acw_seconds", "integer"),
            new ResultColumn("score", "double"), new ResultColumn("profiles", "array(varchar)"));

    private static String write(OutputFormat format, String[]... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowWriter writer = format.writer(out, COLUMNS);
        for (String[] row : rows) {
            writer.write(row);
        }
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesKeepBooleansAndNumbersTypedAndEverythingElseAsStrings() throws IOException {
        String jsonl = write(OutputFormat.JSONL,
                new String[] {"jdoe", "true", "30", "1.5E3", "[a, b]"},
                new String[] {"Doe, \"J\"\n", null, "", "NaN", null});

        assertEquals("""
                {"username":"jdoe","auto_accept":true,"acw_seconds":30,"score":1.5E3,"profiles":"[a, b]"}
                {"username":"Doe, \\"J\\"\\n","auto_accept":null,"acw_seconds":"","score":"NaN","profiles":null}
                """, jsonl);
    }

    @Test
    void noRowsIsAnEmptyJsonLinesFileAndAHeaderOnlyCsv() throws IOException {
        assertEquals("", write(OutputFormat.JSONL));
        assertEquals("username,auto_accept,acw_seconds,score,profiles\n", write(OutputFormat.CSV));
    }

    @Test
    void csvQuotesOnlyWhatNeedsItAndKeepsNullApartFromEmpty() throws IOException {
        String[] tricky = {"Doe, \"J\"\nline", null, "", "1", "[a, b]"};
        String csv = write(OutputFormat.CSV, tricky);

        assertEquals("username,auto_accept,acw_seconds,score,profiles\n"
                + "\"Doe, \"\"J\"\"\nline\",,\"\",1,\"[a, b]\"\n", csv);
        try (AthenaCsvReader reader = new AthenaCsvReader(new ByteArrayInputStream(
                csv.getBytes(StandardCharsets.UTF_8)))) {
            reader.next();
            assertArrayEquals(tricky, reader.next(), "what the export writes reads back the same");
        }
    }

    @Test
    void csvNeutralisesTextThatASpreadsheetWouldRunAsAFormula() throws IOException {
        String[] formulas = {"=HYPERLINK(\"http://x.example\",\"pay\")", "@SUM(A1)", "-5", "+1 555 0100", "[a, b]"};
        String[] more = {"+cmd|' /C calc'!A0", "true", "-30", "-1.5E3", "\t=1+1"};
        String[] plain = {"jdoe", null, "", "1", "a=b"};

        String csv = write(OutputFormat.CSV, formulas, more, plain);

        assertEquals("username,auto_accept,acw_seconds,score,profiles\n"
                + "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"pay\"\")\",'@SUM(A1),-5,+1 555 0100,\"[a, b]\"\n"
                + "'+cmd|' /C calc'!A0,true,-30,-1.5E3,'\t=1+1\n"
                + "jdoe,,\"\",1,a=b\n", csv,
                "text columns get a leading '; numeric columns stay numbers");
    }

    @Test
    void jsonLinesKeepFormulaLikeValuesAsTheyAre() throws IOException {
        String jsonl = write(OutputFormat.JSONL, new String[] {"=1+1", "true", "-5", "-1.5", "@x"});

        assertEquals("{\"username\":\"=1+1\",\"auto_accept\":true,\"acw_seconds\":-5,\"score\":-1.5,"
                + "\"profiles\":\"@x\"}\n", jsonl);
    }
}
