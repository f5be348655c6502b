package dev.connectconfig.usersexport;

import java.io.IOException;

/** Writes result rows in the export's format; values are as Athena returned them, null for NULL. */
interface RowWriter {

    void write(String[] row) throws IOException;

    /** Flushes what is buffered to the underlying stream, without closing it. */
    void finish() throws IOException;
}
