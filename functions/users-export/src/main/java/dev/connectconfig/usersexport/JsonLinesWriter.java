package dev.connectconfig.usersexport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One JSON object per line, keyed by column name. Booleans and numbers keep their JSON type when Athena's column type
 * says so and the value is a valid JSON literal; anything else (timestamps, arrays, NaN) stays a string, never lost.
 */
final class JsonLinesWriter implements RowWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final JsonGenerator json;
    private final SerializedString[] names;
    private final ResultColumn.Kind[] kinds;

    JsonLinesWriter(OutputStream out, List<ResultColumn> columns) {
        try {
            this.json = JSON.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(new SerializedString("\n"));
        this.names = columns.stream().map(c -> new SerializedString(c.name())).toArray(SerializedString[]::new);
        this.kinds = columns.stream().map(ResultColumn::kind).toArray(ResultColumn.Kind[]::new);
    }

    @Override
    public void write(String[] row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            json.writeFieldName(names[i]);
            String value = row[i];
            if (value == null) {
                json.writeNull();
            } else if (kinds[i] == ResultColumn.Kind.BOOLEAN && ("true".equals(value) || "false".equals(value))) {
                json.writeBoolean("true".equals(value));
            } else if (kinds[i] == ResultColumn.Kind.INTEGER && INTEGER.matcher(value).matches()
                    || kinds[i] == ResultColumn.Kind.DECIMAL && NUMBER.matcher(value).matches()) {
                json.writeNumber(value);
            } else {
                json.writeString(value);
            }
        }
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        if (json.getOutputContext().getEntryCount() > 0) {
            json.writeRaw('\n');
        }
        json.flush();
    }
}
