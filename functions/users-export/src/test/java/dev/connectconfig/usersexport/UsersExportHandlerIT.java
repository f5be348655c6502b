package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.testing.CapturedOutput;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The events in events/users-export/ through the real handler: Athena faked at the SDK boundary, and s3proxy as the
 * real S3 holding both Athena's result objects and the export.
 */
class UsersExportHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKGROUP = "connect-analytics";
    private static final String OUTPUT_LOCATION = "s3://" + FakeAthena.RESULTS_BUCKET + "/users-export/";
    private static final String SCHEDULED_DAY = "users-export/dt=2025-01-15/";
    private static LocalS3 s3;

    private ManualClock clock = ManualClock.at("2025-01-17T09:30:00Z");
    private String bucket;
    private S3Client client;
    private FakeAthena athena;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3.createBucket(FakeAthena.RESULTS_BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = s3.newBucket("users-export");
        client = s3.client();
        athena = new FakeAthena(s3.admin(), clock, WORKGROUP, settings(Map.of()).query());
    }

    private ExportSettings settings(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("ANALYTICS_DATABASE", "connect_analytics_consumer");
        env.put("ATHENA_WORKGROUP", WORKGROUP);
        env.put("ATHENA_OUTPUT_LOCATION", OUTPUT_LOCATION);
        env.put("EXPORT_BUCKET", bucket);
        env.putAll(overrides);
        return ExportSettings.from(env::get);
    }

    private UsersExportHandler handler(Map<String, String> overrides, S3Client s3Client) {
        ExportSettings settings = settings(overrides);
        UsersExportService.Timings timings = UsersExportService.Timings.LAMBDA;
        return new UsersExportHandler(new UsersExportService(settings, new AthenaQueryRunner(athena, WORKGROUP,
                OUTPUT_LOCATION, clock, clock.sleeper(), timings.copyReserve()), s3Client, clock, timings,
                StreamingUpload.MIN_PART_SIZE));
    }

    private UsersExportHandler handler() {
        return handler(Map.of(), client);
    }

    private static Map<String, Object> invoke(UsersExportHandler handler, String event) {
        return invoke(handler, RepoFiles.eventMap("events/users-export/" + event), Duration.ofMinutes(15));
    }

    private static Map<String, Object> invoke(UsersExportHandler handler, Map<String, Object> event,
            Duration remaining) {
        return handler.handleRequest(event, new TestContext("UsersExport", remaining.toMillis()));
    }

    /** The data file the day's manifest names, as a key in the export bucket: this run's own file. */
    private String dataKey(String day) throws Exception {
        String dataFile = JSON.readTree(s3.read(bucket, day + "manifest.json")).get("dataFile").asText();
        String inBucket = "s3://" + bucket + "/";
        assertTrue(dataFile.matches(Pattern.quote(inBucket + day) + "users-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.(jsonl|csv)"),
                dataFile);
        return dataFile.substring(inBucket.length());
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** A user whose values hit every CSV edge: commas, quotes, a line break, an empty string and NULLs. */
    private static String[] trickyUser() {
        String[] user = UserRecords.user(0);
        user[5] = "Zoë \"Z\"";
        user[6] = "O'Brien,\nJr.";
        user[7] = "";
        user[8] = null;
        return user;
    }

    private static String athenaResult(int generatedUsers) {
        return UserRecords.header() + UserRecords.athenaLine(trickyUser()) + UserRecords.athenaCsv(generatedUsers)
                .substring(UserRecords.header().length());
    }

    @Test
    void theScheduleEventExportsItsOwnDayWithAManifestLogsAndMetrics() throws Exception {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(250)));
        StringBuilder stdout = new StringBuilder();

        Map<String, Object> result = CapturedOutput.capture(stdout, () -> invoke(handler(), "schedule.json"));

        String dataKey = dataKey(SCHEDULED_DAY);
        assertEquals(List.of(SCHEDULED_DAY + "manifest.json", dataKey), s3.keys(bucket),
                "the day is the event's (2025-01-15), not the clock's (2025-01-17)");
        assertTrue(dataKey.startsWith(SCHEDULED_DAY + "users-20250117T093000Z-") && dataKey.endsWith(".jsonl"),
                "named after the run: " + dataKey);
        List<JsonNode> users = jsonLines(s3.read(bucket, dataKey));
        assertEquals(251, users.size());
        JsonNode tricky = users.get(0);
        assertEquals("Zoë \"Z\"", tricky.get("first_name").asText());
        assertEquals("O'Brien,\nJr.", tricky.get("last_name").asText());
        assertTrue(tricky.get("email").isTextual() && tricky.get("email").asText().isEmpty(), "empty stays empty");
        assertTrue(tricky.get("mobile").isNull(), "NULL stays null");
        assertTrue(tricky.get("auto_accept").isBoolean());
        assertTrue(tricky.get("after_contact_work_time_limit").isInt());
        assertEquals(UserRecords.user(0)[2], tricky.get("user_id").asText());
        assertEquals(UserRecords.user(249)[4], users.get(250).get("username").asText());

        JsonNode manifest = JSON.readTree(s3.read(bucket, SCHEDULED_DAY + "manifest.json"));
        String queryId = (String) result.get("queryExecutionId");
        assertEquals("2025-01-15", manifest.get("date").asText());
        assertEquals("schedule", manifest.get("trigger").asText());
        assertEquals(251, manifest.get("rows").asLong());
        assertEquals(s3.read(bucket, dataKey).getBytes(StandardCharsets.UTF_8).length,
                manifest.get("bytes").asLong());
        assertEquals(queryId, manifest.get("queryExecutionId").asText());
        assertEquals("s3://" + bucket + "/" + dataKey, manifest.get("dataFile").asText());
        assertEquals(UserRecords.COLUMNS.size(), manifest.get("columns").size());
        assertEquals("boolean", manifest.get("columns").get(13).get("type").asText());
        assertEquals("2025-01-17T09:30:00Z", manifest.get("startedAt").asText());
        assertTrue(manifest.hasNonNull("finishedAt"));
        assertEquals("connect_analytics_consumer", manifest.get("source").get("database").asText());

        assertEquals(251L, result.get("rows"));
        String logs = stdout.toString();
        assertTrue(logs.contains("\"message\":\"users exported\"") && logs.contains("\"rows\":251"), logs);
        assertTrue(logs.contains("\"UsersExported\"") && logs.contains("\"ExportBytes\""), "EMF metrics: " + logs);
        assertTrue(!logs.contains("O'Brien"), "no user data in the logs");
    }

    @Test
    void aBackfillEventExportsTheDayItNames() throws Exception {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(3)));

        invoke(handler(), "backfill.json");

        assertEquals(List.of("users-export/dt=2025-01-10/manifest.json", dataKey("users-export/dt=2025-01-10/")),
                s3.keys(bucket));
        assertEquals("backfill", JSON.readTree(s3.read(bucket, "users-export/dt=2025-01-10/manifest.json"))
                .get("trigger").asText());
    }

    @Test
    void aRerunForTheSameDayReusesTheQueryAndLeavesExactlyOneCompleteFile() throws Exception {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(40)));
        invoke(handler(), "schedule.json");
        String firstManifest = s3.read(bucket, SCHEDULED_DAY + "manifest.json");

        clock.advance(Duration.ofHours(2));
        invoke(handler(Map.of("EXPORT_FORMAT", "csv"), client), "schedule.json");

        assertEquals(1, athena.queriesCreated(), "the day's query ran once");
        String dataKey = dataKey(SCHEDULED_DAY);
        assertEquals(List.of(SCHEDULED_DAY + "manifest.json", dataKey), s3.keys(bucket),
                "the earlier run's file is removed");
        assertTrue(dataKey.endsWith(".csv"), dataKey);
        String csv = s3.read(bucket, dataKey);
        assertTrue(csv.startsWith("instance_id,aws_account_id,user_id,"), csv.substring(0, 80));
        assertTrue(csv.contains(",\"O'Brien,\nJr.\",\"\",,"), "quoting survives into CSV");
        JsonNode manifest = JSON.readTree(s3.read(bucket, SCHEDULED_DAY + "manifest.json"));
        assertEquals("csv", manifest.get("format").asText());
        assertEquals(41, manifest.get("rows").asLong());
        assertNotEquals(firstManifest, manifest.toString());
        assertEquals(List.of(), s3.pendingUploads(bucket));
    }

    @Test
    void zeroRowsIsAnEmptyFileAndAManifestThatSaysSo() throws Exception {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, UserRecords.header()));

        Map<String, Object> result = invoke(handler(), "schedule.json");

        assertEquals("", s3.read(bucket, dataKey(SCHEDULED_DAY)));
        assertEquals(0L, result.get("rows"));
        assertEquals(0, JSON.readTree(s3.read(bucket, SCHEDULED_DAY + "manifest.json")).get("rows").asLong());

        invoke(handler(Map.of("EXPORT_FORMAT", "csv"), client), "schedule.json");
        assertEquals(UserRecords.header().replace("\"", ""), s3.read(bucket, dataKey(SCHEDULED_DAY)));
    }

    @Test
    void aFailedQueryFailsTheInvocationWithAthenasReasonAndWritesNothing() {
        athena.then(FakeAthena.Plan.fails("Insufficient Lake Formation permission(s) on users_link"));
        StringBuilder stdout = new StringBuilder();

        ExportFailedException e = CapturedOutput.capture(stdout, () -> assertThrows(ExportFailedException.class,
                () -> invoke(handler(), "schedule.json")));

        assertEquals(ExportFailedException.Reason.QUERY_FAILED, e.reason());
        assertTrue(e.getMessage().contains("Insufficient Lake Formation permission(s) on users_link"));
        assertEquals(List.of(), s3.keys(bucket));
        assertTrue(stdout.toString().contains("\"reason\":\"QUERY_FAILED\""), stdout.toString());
        assertTrue(stdout.toString().contains("\"ExportFailed\""), "a failure metric is emitted");
    }

    @Test
    void aQueryStillRunningAtTheDeadlineFailsCleanlyAndTheRetryFinishesIt() {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(5)).finishingAfter(60));

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> invoke(handler(), RepoFiles.eventMap("events/users-export/schedule.json"),
                        Duration.ofMinutes(3)));
        assertEquals(ExportFailedException.Reason.QUERY_STILL_RUNNING, e.reason());
        assertEquals(List.of(), s3.keys(bucket));

        clock.advance(Duration.ofMinutes(4));
        Map<String, Object> result = invoke(handler(), "schedule.json");

        assertEquals(1, athena.queriesCreated(), "Lambda's retry picked up the running query");
        assertEquals(6L, result.get("rows"));
    }

    @Test
    void anUploadFailingHalfWayLeavesThePreviousCompleteFileAndNoPendingUpload() throws Exception {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(25_000)));
        invoke(handler(), "schedule.json");
        String dataKey = dataKey(SCHEDULED_DAY);
        String etag = s3.admin().headObject(r -> r.bucket(bucket).key(dataKey)).eTag();
        String manifest = s3.read(bucket, SCHEDULED_DAY + "manifest.json");
        AtomicInteger parts = new AtomicInteger();
        ExecutionInterceptor secondPartFails = LocalS3.failing("UploadPart", 2, parts);

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> invoke(handler(Map.of(), s3.client(secondPartFails)), "schedule.json"));

        assertEquals(ExportFailedException.Reason.UPLOAD_FAILED, e.reason());
        assertEquals(2, parts.get());
        assertEquals(etag, s3.admin().headObject(r -> r.bucket(bucket).key(dataKey)).eTag());
        assertEquals(manifest, s3.read(bucket, SCHEDULED_DAY + "manifest.json"));
        assertEquals(List.of(SCHEDULED_DAY + "manifest.json", dataKey), s3.keys(bucket));
        assertEquals(List.of(), s3.pendingUploads(bucket));
    }

    @Test
    void aResultBrokenHalfWayLeavesNoPartialFile() {
        String broken = athenaResult(25_000) + "\"" + UserRecords.INSTANCE_ID + "\",\"never closed\n";
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, broken));
        s3.resetCalls();

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> invoke(handler(), "schedule.json"));

        assertEquals(ExportFailedException.Reason.RESULT_UNREADABLE, e.reason());
        assertTrue(s3.calls("UploadPart") >= 2, "parts had been uploaded before the break");
        assertEquals(1, s3.calls("AbortMultipartUpload"));
        assertEquals(List.of(), s3.keys(bucket));
        assertEquals(List.of(), s3.pendingUploads(bucket));
    }

    @Test
    void aResultWhoseHeaderDiffersFromTheQuerysColumnsIsRefused() {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, "\"user_id\",\"username\"\n\"1\",\"a\"\n"));

        ExportFailedException e = assertThrows(ExportFailedException.class, () -> invoke(handler(),
                "schedule.json"));

        assertEquals(ExportFailedException.Reason.RESULT_UNREADABLE, e.reason());
        assertEquals(List.of(), s3.keys(bucket));
    }

    @Test
    void uploadsThatAKilledRunLeftAreAbortedButALiveRunsAreNot() {
        String key = SCHEDULED_DAY + "users.jsonl";
        String abandoned = s3.admin().createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        s3.admin().uploadPart(r -> r.bucket(bucket).key(key).uploadId(abandoned).partNumber(1),
                RequestBody.fromString("half an export"));
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(2)));

        clock = new ManualClock(Instant.now().plus(Duration.ofMinutes(5)));
        athena = new FakeAthena(s3.admin(), clock, WORKGROUP, settings(Map.of()).query())
                .then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(2)));
        invoke(handler(), "schedule.json");
        assertEquals(1, s3.pendingUploads(bucket).size(), "an upload begun 5 minutes ago may belong to a live run");

        clock.advance(Duration.ofMinutes(20));
        invoke(handler(), "schedule.json");
        assertEquals(List.of(), s3.pendingUploads(bucket), "one begun 25 minutes ago cannot");
    }

    @Test
    void awsCallsDoNotGrowWithTheRowsBeyondUploadParts() {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(12_000)));
        s3.resetCalls();
        Map<String, Object> small = invoke(handler(), "schedule.json");
        int smallAthena = athena.totalCalls();
        int smallParts = s3.calls("UploadPart");
        int smallOther = s3.totalCalls() - smallParts;

        athena = new FakeAthena(s3.admin(), clock, WORKGROUP, settings(Map.of()).query())
                .then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(60_000)));
        s3.resetCalls();
        Map<String, Object> large = invoke(handler(), "backfill.json");

        assertEquals(12_001L, small.get("rows"));
        assertEquals(60_001L, large.get("rows"));
        assertEquals(smallAthena, athena.totalCalls(), "Athena calls are the same at 5x the rows");
        assertEquals(smallOther, s3.totalCalls() - s3.calls("UploadPart"), "so are S3 calls other than parts");
        assertTrue(s3.calls("UploadPart") > smallParts, smallParts + " parts, then " + s3.calls("UploadPart"));
        assertEquals(1, athena.calls("GetQueryResults"), "no GetQueryResults paging");
    }

    @Test
    void aBadEventChangesNothingAndSaysWhatIsExpected() {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(1)));

        ExportFailedException e = assertThrows(ExportFailedException.class, () -> invoke(handler(),
                Map.of("date", "2025-02-30"), Duration.ofMinutes(15)));

        assertEquals(ExportFailedException.Reason.INVALID_REQUEST, e.reason());
        assertEquals(0, athena.totalCalls());
        assertEquals(List.of(), s3.keys(bucket));
    }

    @Test
    void aManifestAlwaysNamesItsOwnRunsDataFileEvenWhenTwoRunsOfTheDayOverlap() throws Exception {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(30)));
        // Run A (JSON Lines) has written its data file; before it writes its manifest, run B (CSV) runs whole.
        AtomicInteger manifests = new AtomicInteger();
        ExecutionInterceptor runBBeforeAsManifest = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.key().endsWith("manifest.json")
                        && manifests.getAndIncrement() == 0) {
                    clock.advance(Duration.ofMinutes(1));
                    invoke(handler(Map.of("EXPORT_FORMAT", "csv"), client), "schedule.json");
                }
            }
        };

        invoke(handler(Map.of(), s3.client(runBBeforeAsManifest)), "schedule.json");

        JsonNode manifest = JSON.readTree(s3.read(bucket, SCHEDULED_DAY + "manifest.json"));
        String dataKey = dataKey(SCHEDULED_DAY);
        assertEquals("jsonl", manifest.get("format").asText(), "A's manifest, written last");
        assertTrue(dataKey.endsWith(".jsonl"), "names A's own file: " + dataKey);
        assertEquals(manifest.get("rows").asLong(), jsonLines(s3.read(bucket, dataKey)).size());
        assertEquals(manifest.get("bytes").asLong(), s3.read(bucket, dataKey).getBytes(StandardCharsets.UTF_8)
                .length);
        assertEquals(3, s3.keys(bucket).size(), "B's file stays: its run may still have been writing");

        clock.advance(Duration.ofHours(1));
        invoke(handler(), "schedule.json");
        assertEquals(List.of(SCHEDULED_DAY + "manifest.json", dataKey(SCHEDULED_DAY)), s3.keys(bucket),
                "a run an hour later removes both earlier runs' files");
    }

    @Test
    void aHandMadeEventCannotWriteAFutureDayOrChooseTheBucket() {
        athena.then(FakeAthena.Plan.succeeds(UserRecords.COLUMNS, athenaResult(1)));
        String elsewhere = s3.newBucket("someone-elses");
        Map<String, Object> futureSchedule = new HashMap<>(RepoFiles.eventMap("events/users-export/schedule.json"));
        futureSchedule.put("time", "2025-02-01T02:00:00Z");

        for (Map<String, Object> forged : List.of(futureSchedule, Map.<String, Object>of("date", "2025-01-18"),
                Map.<String, Object>of("date", "2025-01-10", "bucket", elsewhere, "prefix", "uploads"))) {
            ExportFailedException e = assertThrows(ExportFailedException.class, () -> invoke(handler(), forged,
                    Duration.ofMinutes(15)));
            assertEquals(ExportFailedException.Reason.INVALID_REQUEST, e.reason(), forged.toString());
        }

        assertEquals(0, athena.totalCalls());
        assertEquals(List.of(), s3.keys(bucket));
        assertEquals(List.of(), s3.keys(elsewhere));
    }
}
