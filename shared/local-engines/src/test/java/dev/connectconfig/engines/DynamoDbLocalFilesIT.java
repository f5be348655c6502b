package dev.connectconfig.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.engines.DynamoDbLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DynamoDB Local writes its telemetry metadata file ({@code dynamodb-local-metadata.json}) into the working directory
 * unless told not to; the local runner works from the repository root, so the file would land there.
 */
class DynamoDbLocalFilesIT {

    @Test
    void anInMemoryServerWritesNothingInTheWorkingDirectory(@TempDir Path workingDir) throws Exception {
        String userDir = System.getProperty("user.dir");
        System.setProperty("user.dir", workingDir.toString());
        try (DynamoDbLocal local = DynamoDbLocal.start()) {
            assertEquals(List.of(DynamoDbLocal.FLOW_CONFIG_TABLE),
                    local.client().listTables().tableNames().stream()
                            .filter(DynamoDbLocal.FLOW_CONFIG_TABLE::equals).toList());
        } finally {
            System.setProperty("user.dir", userDir);
        }

        try (Stream<Path> files = Files.list(workingDir)) {
            assertEquals(List.of(), files.map(Path::getFileName).map(Path::toString).toList());
        }
    }
}
