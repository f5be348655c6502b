package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code local/run.sh invoke} says why it cannot read an event file before it starts anything. */
@ResourceLock("system-property:local.caller.dir")
class InvokeCommandTest {

    @TempDir
    Path callerDir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void forgetTheCallerDir() {
        System.clearProperty("local.caller.dir");
    }

    private int invoke(String eventFile) {
        System.setProperty("local.caller.dir", callerDir.toString());
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new LocalRunner(new PrintStream(new ByteArrayOutputStream()), errors)
                .run(new String[] {"invoke", "GetConfigFunction", eventFile});
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingFileIsNamedWithThePathTriedFromWhereTheUserRanIt() {
        assertEquals(2, invoke("nope.json"));

        assertTrue(errors().contains("No event file nope.json: " + callerDir.resolve("nope.json")
                + " does not exist"), errors());
        assertTrue(errors().contains("run in, " + callerDir), errors());
        assertFalse(errors().contains("must be a JSON file"), errors());
    }

    @Test
    void aFolderIsNotAnEventFile() {
        assertEquals(2, invoke("."));

        assertTrue(errors().contains("is a folder"), errors());
    }

    @Test
    void aFileThatIsNotJsonIsSaidToBeSo() throws Exception {
        Files.writeString(callerDir.resolve("notes.txt"), "not json");

        assertEquals(2, invoke("notes.txt"));

        assertTrue(errors().contains("Cannot read the event " + callerDir.resolve("notes.txt")
                + ": it must be a JSON file."), errors());
    }
}
