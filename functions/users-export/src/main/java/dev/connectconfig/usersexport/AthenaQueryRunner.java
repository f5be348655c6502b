package dev.connectconfig.usersexport;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * Runs the export query in an Athena workgroup with a client request token derived from the day, so every invocation
 * for that day (Lambda's retries, EventBridge's redeliveries, a rerun) gets the same query back instead of scanning
 * the table again. A query that an earlier invocation saw fail does not doom the day: the token moves on to the next
 * generation, a bounded number of times.
 */
final class AthenaQueryRunner implements QueryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AthenaQueryRunner.class);

    /** Fresh queries one day may start after earlier ones failed: Lambda's own retries plus a few manual reruns. */
    static final int MAX_GENERATIONS = 5;
    static final Duration FIRST_POLL = Duration.ofMillis(500);
    static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final AthenaClient athena;
    private final String workGroup;
    private final String outputLocation;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration copyReserve;

    /**
     * @param outputLocation where results go unless the workgroup enforces its own; null to use the workgroup's
     * @param copyReserve time to keep for reading the result and writing the export: polling stops short of it
     */
    AthenaQueryRunner(AthenaClient athena, String workGroup, String outputLocation, Clock clock, Sleeper sleeper,
            Duration copyReserve) {
        this.athena = athena;
        this.workGroup = workGroup;
        this.outputLocation = outputLocation;
        this.clock = clock;
        this.sleeper = sleeper;
        this.copyReserve = copyReserve;
    }

    @Override
    public FinishedQuery run(String sql, String idempotencyKey, Deadline deadline) {
        Instant invokedAt = clock.instant();
        String earlierFailure = null;
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            String token = clientRequestToken(idempotencyKey, generation, sql);
            String id = athena.startQueryExecution(start(sql, token)).queryExecutionId();
            QueryExecution execution = describe(id);
            boolean startedEarlier = execution.status().submissionDateTime() != null
                    && execution.status().submissionDateTime().isBefore(invokedAt);
            if (startedEarlier && isUnsuccessful(execution.status().state())) {
                earlierFailure = reasonOf(execution);
                LOG.warn("an earlier invocation's query for this day did not succeed; starting a new one",
                        entry("queryExecutionId", id), entry("generation", generation),
                        entry("state", execution.status().stateAsString()), entry("reason", earlierFailure));
                continue;
            }
            LOG.info(startedEarlier ? "picked up the query an earlier invocation started" : "query started",
                    entry("queryExecutionId", id), entry("generation", generation), entry("workGroup", workGroup));
            execution = awaitCompletion(execution, deadline);
            if (execution.status().state() != QueryExecutionState.SUCCEEDED) {
                throw new ExportFailedException(ExportFailedException.Reason.QUERY_FAILED, "Athena query " + id
                        + " " + execution.status().stateAsString() + ": " + reasonOf(execution));
            }
            return finished(execution, startedEarlier);
        }
        throw new ExportFailedException(ExportFailedException.Reason.QUERY_FAILED, "Athena queries for "
                + idempotencyKey + " failed " + MAX_GENERATIONS + " times; the last said: " + earlierFailure);
    }

    private StartQueryExecutionRequest start(String sql, String token) {
        StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
                .queryString(sql)
                .workGroup(workGroup)
                .clientRequestToken(token);
        if (outputLocation != null) {
            request.resultConfiguration(result -> result.outputLocation(outputLocation));
        }
        return request.build();
    }

    private QueryExecution awaitCompletion(QueryExecution first, Deadline deadline) {
        QueryExecution execution = first;
        Duration wait = FIRST_POLL;
        while (!isFinished(execution.status().state())) {
            if (!deadline.allows(copyReserve.plus(wait))) {
                throw new ExportFailedException(ExportFailedException.Reason.QUERY_STILL_RUNNING, "Athena query "
                        + execution.queryExecutionId() + " is still " + execution.status().stateAsString()
                        + " and the function's time is running short; a retry picks the same query up");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Athena", e);
            }
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
            execution = describe(execution.queryExecutionId());
        }
        return execution;
    }

    private QueryExecution describe(String id) {
        return athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution();
    }

    /** The column names and types come from the result's metadata: one row's page, never the rows themselves. */
    private FinishedQuery finished(QueryExecution execution, boolean startedEarlier) {
        String id = execution.queryExecutionId();
        List<ColumnInfo> info = athena.getQueryResults(request -> request.queryExecutionId(id).maxResults(1))
                .resultSet().resultSetMetadata().columnInfo();
        String location = execution.resultConfiguration() == null ? null
                : execution.resultConfiguration().outputLocation();
        if (location == null) {
            throw new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE, "Athena query " + id
                    + " succeeded but names no result object");
        }
        QueryExecutionStatus status = execution.status();
        return new FinishedQuery(id, S3Location.parse(location),
                info.stream().map(c -> new ResultColumn(c.name(), c.type())).toList(),
                status.submissionDateTime(), status.completionDateTime(), startedEarlier);
    }

    private static boolean isFinished(QueryExecutionState state) {
        return state == QueryExecutionState.SUCCEEDED || isUnsuccessful(state);
    }

    private static boolean isUnsuccessful(QueryExecutionState state) {
        return state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED;
    }

    private static String reasonOf(QueryExecution execution) {
        QueryExecutionStatus status = execution.status();
        if (status.stateChangeReason() != null) {
            return status.stateChangeReason();
        }
        return status.athenaError() != null && status.athenaError().errorMessage() != null
                ? status.athenaError().errorMessage() : "no reason given";
    }

    /**
     * Athena's idempotency token (32 to 128 characters): the day's key, the generation and everything else the
     * request carries, so a changed query or workgroup is a new request rather than a mismatch error.
     */
    String clientRequestToken(String idempotencyKey, int generation, String sql) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String material = String.join("\n", "users-export/v1", idempotencyKey, Integer.toString(generation),
                    workGroup, String.valueOf(outputLocation), sql);
            return HexFormat.of().formatHex(sha256.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
