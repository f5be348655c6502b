package dev.connectconfig.usersexport;

import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/** The file format downstream tools receive: JSON Lines by default, CSV on request. */
enum OutputFormat {
    JSONL("jsonl", "application/x-ndjson"),
    CSV("csv", "text/csv; charset=utf-8");

    private final String extension;
    private final String contentType;

    OutputFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    RowWriter writer(OutputStream out, List<ResultColumn> columns) {
        return this == JSONL ? new JsonLinesWriter(out, columns) : new CsvRowWriter(out, columns);
    }

    static OutputFormat parse(String value) {
        for (OutputFormat format : values()) {
            if (format.extension.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an export format; use jsonl or csv");
    }
}
