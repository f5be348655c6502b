package dev.connectconfig.getconfig;

import dev.connectconfig.getconfig.bench.ColdStartBench;
import dev.connectconfig.engines.DynamoDbLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * GetConfig's cold start next to the programs a user would otherwise compare it with, all started the way Lambda's
 * Java runtime starts a function and answering one real event against the same DynamoDB Local, then the SnapStart
 * path (first call after priming against a warm call) in a fresh JVM. Run by {@code bench/get-config.sh}; not part
 * of the test suite.
 *
 * <p>Arguments: GetConfig's deployed jar, this module's test-classes folder, a file holding the test class path,
 * and the number of fresh processes per program and mode.
 */
public final class GetConfigBenchmark {

    private GetConfigBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path testClasses = Path.of(args[1]);
        List<String> testClasspath = Arrays.asList(Files.readString(Path.of(args[2])).trim().split(":"));
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
            dynamoDb.seedSamples();
            ColdStartBench bench = new ColdStartBench(dynamoDb.endpoint(), jar, testClasses, testClasspath);
            bench.coldStarts(runs);
            bench.snapStartPath(runs);
        }
        // DynamoDB Local leaves non-daemon threads behind that keep the JVM up for minutes after it stops.
        System.exit(0);
    }
}
