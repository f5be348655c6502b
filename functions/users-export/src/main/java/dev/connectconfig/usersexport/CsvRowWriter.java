package dev.connectconfig.usersexport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV with a header row. A value is quoted when it holds a comma, quote or line break; NULL is an empty
 * field and an empty string is {@code ""}, so the two stay distinguishable, as in Athena's own results.
 *
 * <p>A spreadsheet opening the file runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} (or a
 * tab or carriage return) as a formula: a user's name {@code =HYPERLINK(...)} would become a link. Such a value in a
 * text column is written with a leading {@code '} (OWASP's advice for CSV injection), which spreadsheets show as text;
 * numeric columns are left as they are, since a number such as {@code -5} is not a formula.
 */
final class CsvRowWriter implements RowWriter {

    private final Writer out;
    private final boolean[] text;

    CsvRowWriter(OutputStream out, List<ResultColumn> columns) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.text = new boolean[columns.size()];
        for (int i = 0; i < text.length; i++) {
            ResultColumn.Kind kind = columns.get(i).kind();
            text[i] = kind != ResultColumn.Kind.INTEGER && kind != ResultColumn.Kind.DECIMAL;
        }
        try {
            writeFields(columns.stream().map(ResultColumn::name).toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String[] row) throws IOException {
        String[] fields = row.clone();
        for (int i = 0; i < fields.length; i++) {
            if (i < text.length && text[i] && startsAFormula(fields[i])) {
                fields[i] = "'" + fields[i];
            }
        }
        writeFields(fields);
    }

    static boolean startsAFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private void writeFields(String[] row) throws IOException {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = row[i];
            if (value == null) {
                continue;
            }
            if (value.isEmpty() || needsQuotes(value)) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(value);
            }
        }
        out.write('\n');
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
