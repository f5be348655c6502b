package dev.connectconfig.usersexport;

import dev.connectconfig.testing.TestContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test: realistic users through the real handler against s3proxy running in its own JVM (so this JVM's heap is
 * the export's alone), with Athena faked at the SDK boundary. A small baseline run and the full run are measured in
 * the same process; then the naive approach (paging GetQueryResults 1,000 rows at a time) is simulated against the
 * same query to count its calls. Run it with bench/users-export.sh.
 */
public final class UsersExportBenchmark {

    private static final String WORKGROUP = "primary";
    private static final String BUCKET = "users-export-bench";

    private UsersExportBenchmark() {
    }

    record Run(long rows, long resultBytes, long exportBytes, Duration took, long peakHeap, long maxLiveHeap,
            Map<String, Integer> s3Calls, Map<String, Integer> athenaCalls) {

        double rowsPerSecond() {
            return rows / (took.toNanos() / 1e9);
        }

        int awsCalls() {
            return s3Calls.values().stream().mapToInt(Integer::intValue).sum()
                    + athenaCalls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long baselineRows = Math.max(1, rows / 10);
        Path work = Files.createTempDirectory("users-export-bench");
        Process s3proxy = startS3Proxy(work);
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            S3Client admin = LocalS3.clientFor(endpoint, new CallCounter());
            admin.createBucket(r -> r.bucket(FakeAthena.RESULTS_BUCKET));
            admin.createBucket(r -> r.bucket(BUCKET));

            // Warm-up, not reported: class loading and JIT would otherwise be charged to the baseline.
            run(endpoint, admin, work, Math.min(baselineRows, 20_000), "2025-01-09");
            Run baseline = run(endpoint, admin, work, baselineRows, "2025-01-10");
            Run full = run(endpoint, admin, work, rows, "2025-01-11");
            Naive naive = naivePaging(admin, full.rows());

            System.out.println();
            System.out.printf("users export benchmark (JVM %s, -Xmx %d MiB, %d cores)%n",
                    Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            print("baseline", baseline);
            print("full", full);
            System.out.printf("%-9s peak heap x%.2f and max live heap x%.2f for x%.1f the rows; AWS calls %d vs %d%n",
                    "ratio", (double) full.peakHeap() / baseline.peakHeap(),
                    (double) full.maxLiveHeap() / baseline.maxLiveHeap(), (double) full.rows() / baseline.rows(),
                    full.awsCalls(), baseline.awsCalls());
            long ourAthena = full.athenaCalls().values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%-9s %,d Athena calls (%,d of them GetQueryResults pages of 1,000 rows) to read the"
                    + " same %,d rows; this export made %d Athena calls: x%.0f fewer%n", "naive", naive.calls(),
                    naive.pages(), full.rows(), ourAthena, (double) naive.calls() / ourAthena);
        } finally {
            s3proxy.destroy();
            s3proxy.waitFor();
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String label, Run run) {
        System.out.printf("%-9s %,d rows (%,d MB Athena CSV -> %,d MB JSONL) in %.1f s: %,.0f rows/s; peak heap %d MiB,"
                + " max live heap after GC %d MiB; AWS calls %d (S3 %s, Athena %s)%n", label, run.rows(),
                run.resultBytes() / 1_000_000, run.exportBytes() / 1_000_000, run.took().toMillis() / 1000.0,
                run.rowsPerSecond(), run.peakHeap() >> 20, run.maxLiveHeap() >> 20, run.awsCalls(), run.s3Calls(),
                run.athenaCalls());
    }

    private static Run run(URI endpoint, S3Client admin, Path work, long users, String day) throws Exception {
        Path csv = work.resolve("result-" + day + ".csv");
        long resultBytes = UserRecords.writeAthenaCsv(csv, users);
        ManualClock clock = new ManualClock(Instant.now());
        ExportSettings settings = ExportSettings.from(Map.of("ANALYTICS_DATABASE", "connect_analytics_consumer",
                "ATHENA_WORKGROUP", WORKGROUP, "EXPORT_BUCKET", BUCKET)::get);
        FakeAthena athena = new FakeAthena(admin, clock, WORKGROUP, settings.query())
                .then(FakeAthena.Plan.succeedsWith(UserRecords.COLUMNS, target -> target.s3().putObject(
                        r -> r.bucket(target.bucket()).key(target.key()), RequestBody.fromFile(csv))));
        CallCounter s3Calls = new CallCounter();
        UsersExportHandler handler = new UsersExportHandler(new UsersExportService(settings, new AthenaQueryRunner(
                athena, WORKGROUP, null, clock, clock.sleeper(), UsersExportService.Timings.LAMBDA.copyReserve()),
                LocalS3.clientFor(endpoint, s3Calls), clock, UsersExportService.Timings.LAMBDA,
                UsersExportService.PART_SIZE));

        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        Map<String, Object> result = handler.handleRequest(Map.of("date", day), new TestContext("UsersExport",
                Duration.ofMinutes(15).toMillis()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        heap.stop();
        Files.delete(csv);

        return new Run((Long) result.get("rows"), resultBytes, (Long) result.get("bytes"), took, heap.peak(),
                heap.maxLive.get(), s3Calls.snapshot(), athena.callsByOperation());
    }

    record Naive(int calls, int pages) {
    }

    /** The old way: start the same query, wait, then page through GetQueryResults until NextToken runs out. */
    private static Naive naivePaging(S3Client admin, long rows) throws IOException {
        Path csv = Files.createTempFile("naive", ".csv");
        UserRecords.writeAthenaCsv(csv, rows);
        ManualClock clock = new ManualClock(Instant.now());
        String sql = "SELECT * FROM \"connect_analytics_consumer\".\"users_link\"";
        FakeAthena athena = new FakeAthena(admin, clock, WORKGROUP, sql)
                .then(FakeAthena.Plan.succeedsWith(UserRecords.COLUMNS, target -> target.s3().putObject(
                        r -> r.bucket(target.bucket()).key(target.key()), RequestBody.fromFile(csv))));
        String id = athena.startQueryExecution(r -> r.queryString(sql).workGroup(WORKGROUP)
                .clientRequestToken("naive-paging-simulation-0000000000000")).queryExecutionId();
        while (!"SUCCEEDED".equals(athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status()
                .stateAsString())) {
            clock.advance(Duration.ofSeconds(1));
        }
        long pagedRows = 0;
        String token = null;
        do {
            String next = token;
            GetQueryResultsResponse page = athena.getQueryResults(r -> r.queryExecutionId(id).maxResults(1000)
                    .nextToken(next));
            pagedRows += page.resultSet().rows().size();
            token = page.nextToken();
        } while (token != null);
        Files.delete(csv);
        if (pagedRows != rows + 1) {
            throw new IllegalStateException("the naive paging read " + pagedRows + " rows, expected " + (rows + 1));
        }
        return new Naive(athena.totalCalls(), athena.calls("GetQueryResults"));
    }

    /** Peak heap use (garbage included) and the largest heap still live after a collection, sampled meanwhile. */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final AtomicLong maxLive = new AtomicLong();
        private volatile boolean running = true;
        private Thread sampler;

        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            watch.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            watch.sampler = Thread.ofPlatform().daemon().start(() -> {
                while (watch.running) {
                    long live = watch.pools.stream().filter(p -> p.getCollectionUsage() != null)
                            .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
                    watch.maxLive.accumulateAndGet(live, Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return watch;
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        long peak() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
    }

    private static int port;

    /** s3proxy with a filesystem store under {@code work}, in a child JVM, on a free port. */
    private static Process startS3Proxy(Path work) throws IOException, InterruptedException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path store = Files.createDirectories(work.resolve("store"));
        Path properties = work.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=none",
                "jclouds.provider=filesystem",
                "jclouds.identity=local",
                "jclouds.credential=local",
                "jclouds.filesystem.basedir=" + store) + "\n");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.gaul.s3proxy.Main",
                "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("s3proxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(work.resolve("s3proxy.log")));
            }
            try {
                new Socket("127.0.0.1", port).close();
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("s3proxy did not listen on port " + port);
    }
}
