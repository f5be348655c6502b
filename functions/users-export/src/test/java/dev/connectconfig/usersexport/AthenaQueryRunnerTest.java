package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/** The query's lifecycle against Athena faked at the SDK boundary; no result object is read here. */
class AthenaQueryRunnerTest {

    private static final String SQL = "SELECT * FROM \"connect_analytics_consumer\".\"users_link\"";
    private static final String WORKGROUP = "connect-analytics";
    private static final String OUTPUT = "s3://athena-results/users-export/";
    private static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("user_id", "varchar"));

    private final ManualClock clock = ManualClock.at("2025-01-15T02:00:03Z");
    private final List<Duration> waits = new ArrayList<>();
    private final FakeAthena athena = new FakeAthena(null, clock, WORKGROUP, SQL);
    private final AthenaQueryRunner runner = new AthenaQueryRunner(athena, WORKGROUP, OUTPUT, clock, wait -> {
        waits.add(wait);
        clock.advance(wait);
    }, Duration.ofMinutes(2));

    private static FakeAthena.Plan succeeds() {
        return FakeAthena.Plan.succeedsWith(COLUMNS, target -> { });
    }

    private Deadline minutes(int minutes) {
        return Deadline.after(clock, Duration.ofMinutes(minutes).toMillis());
    }

    @Test
    void theQueryGoesToTheWorkgroupWithADayDerivedTokenAndItsOutputLocation() {
        athena.then(succeeds());

        QueryRunner.FinishedQuery query = runner.run(SQL, "users-export/2025-01-15", minutes(15));

        StartQueryExecutionRequest start = athena.starts().get(0);
        assertEquals(WORKGROUP, start.workGroup());
        assertEquals(SQL, start.queryString());
        assertEquals(OUTPUT, start.resultConfiguration().outputLocation());
        assertEquals(runner.clientRequestToken("users-export/2025-01-15", 0, SQL), start.clientRequestToken());
        assertEquals(64, start.clientRequestToken().length());
        assertEquals("athena-results", query.result().bucket());
        assertEquals("users-export/" + query.queryExecutionId() + ".csv", query.result().key());
        assertEquals(COLUMNS, query.columns());
        assertEquals(1, athena.calls("GetQueryResults"), "one metadata call, never a page of rows per 1,000");
    }

    @Test
    void theTokenIsTheSameForTheSameDayAndDiffersForAnotherDayGenerationOrQuery() {
        String day = runner.clientRequestToken("users-export/2025-01-15", 0, SQL);

        assertEquals(day, runner.clientRequestToken("users-export/2025-01-15", 0, SQL));
        assertNotEquals(day, runner.clientRequestToken("users-export/2025-01-16", 0, SQL));
        assertNotEquals(day, runner.clientRequestToken("users-export/2025-01-15", 1, SQL));
        assertNotEquals(day, runner.clientRequestToken("users-export/2025-01-15", 0, SQL + " LIMIT 1"));
    }

    @Test
    void pollingBacksOffUpToFiveSeconds() {
        athena.then(succeeds().finishingAfter(8));

        runner.run(SQL, "users-export/2025-01-15", minutes(15));

        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), waits);
        assertEquals(8, athena.calls("GetQueryExecution"));
    }

    @Test
    void aFailedQueryFailsWithAthenasReason() {
        athena.then(FakeAthena.Plan.fails("TABLE_NOT_FOUND: line 1:15: Table 'users_link' does not exist"));

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> runner.run(SQL, "users-export/2025-01-15", minutes(15)));

        assertEquals(ExportFailedException.Reason.QUERY_FAILED, e.reason());
        assertTrue(e.getMessage().contains("FAILED: TABLE_NOT_FOUND: line 1:15: Table 'users_link' does not exist"),
                e.getMessage());
    }

    @Test
    void aCancelledQueryFailsToo() {
        athena.then(FakeAthena.Plan.cancelled("Query cancelled by user"));

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> runner.run(SQL, "users-export/2025-01-15", minutes(15)));

        assertEquals(ExportFailedException.Reason.QUERY_FAILED, e.reason());
        assertTrue(e.getMessage().endsWith("CANCELLED: Query cancelled by user"), e.getMessage());
    }

    @Test
    void whenTimeRunsShortPollingStopsAndARetryPicksUpTheSameQuery() {
        athena.then(succeeds().finishingAfter(20));

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> runner.run(SQL, "users-export/2025-01-15", minutes(3)));
        assertEquals(ExportFailedException.Reason.QUERY_STILL_RUNNING, e.reason());
        assertTrue(clock.instant().isBefore(ManualClock.at("2025-01-15T02:01:03Z").instant()),
                "stopped polling with the copy's two minutes still left");

        clock.advance(Duration.ofMinutes(3));
        QueryRunner.FinishedQuery query = runner.run(SQL, "users-export/2025-01-15", minutes(15));

        assertEquals(1, athena.queriesCreated(), "the retry reused the running query");
        assertTrue(query.startedEarlier());
        assertEquals(2, athena.starts().size());
        assertEquals(athena.starts().get(0).clientRequestToken(), athena.starts().get(1).clientRequestToken());
    }

    @Test
    void aQueryAnEarlierInvocationSawFailIsReplacedByTheNextGeneration() {
        athena.then(FakeAthena.Plan.fails("Rate exceeded")).then(succeeds());
        assertThrows(ExportFailedException.class, () -> runner.run(SQL, "users-export/2025-01-15", minutes(15)));

        clock.advance(Duration.ofMinutes(1));
        QueryRunner.FinishedQuery query = runner.run(SQL, "users-export/2025-01-15", minutes(15));

        assertEquals(2, athena.queriesCreated());
        assertEquals(runner.clientRequestToken("users-export/2025-01-15", 1, SQL),
                athena.starts().get(2).clientRequestToken());
        assertTrue(!query.startedEarlier());
    }

    @Test
    void aDayWhoseQueriesKeepFailingGivesUpAfterFiveGenerations() {
        athena.then(FakeAthena.Plan.fails("Insufficient Lake Formation permission(s) on users"));
        for (int attempt = 0; attempt < AthenaQueryRunner.MAX_GENERATIONS; attempt++) {
            assertThrows(ExportFailedException.class, () -> runner.run(SQL, "users-export/2025-01-15", minutes(15)));
            clock.advance(Duration.ofMinutes(1));
        }

        ExportFailedException e = assertThrows(ExportFailedException.class,
                () -> runner.run(SQL, "users-export/2025-01-15", minutes(15)));

        assertEquals(AthenaQueryRunner.MAX_GENERATIONS, athena.queriesCreated());
        assertTrue(e.getMessage().contains("failed 5 times; the last said: Insufficient Lake Formation"),
                e.getMessage());
    }
}
