package dev.connectconfig.usersexport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Athena at the SDK boundary: an in-memory {@link AthenaClient} that checks every request the export sends (the
 * workgroup, the query text, the client request token), honours the token as Athena does (the same token returns
 * the same query), moves each query through QUEUED and RUNNING to the outcome a test planned, and on success writes
 * the result CSV where Athena would, into the S3 server.
 */
final class FakeAthena implements AthenaClient {

    static final String RESULTS_BUCKET = "athena-results";
    static final String DEFAULT_OUTPUT_LOCATION = "s3://" + RESULTS_BUCKET + "/workgroup-default/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,128}");

    /** What a query does: how many polls it runs for, and how it ends. */
    record Plan(int pollsUntilDone, QueryExecutionState outcome, String reason, List<ResultColumn> columns,
            Consumer<ResultTarget> result) {

        static Plan succeeds(List<ResultColumn> columns, String csv) {
            return new Plan(2, QueryExecutionState.SUCCEEDED, null, columns,
                    target -> target.s3().putObject(r -> r.bucket(target.bucket()).key(target.key()),
                            software.amazon.awssdk.core.sync.RequestBody.fromString(csv)));
        }

        static Plan succeedsWith(List<ResultColumn> columns, Consumer<ResultTarget> writer) {
            return new Plan(2, QueryExecutionState.SUCCEEDED, null, columns, writer);
        }

        static Plan fails(String reason) {
            return new Plan(1, QueryExecutionState.FAILED, reason, List.of(), target -> { });
        }

        static Plan cancelled(String reason) {
            return new Plan(3, QueryExecutionState.CANCELLED, reason, List.of(), target -> { });
        }

        Plan finishingAfter(int polls) {
            return new Plan(polls, outcome, reason, columns, result);
        }
    }

    /** Where a succeeded query's result goes. */
    record ResultTarget(S3Client s3, String bucket, String key) {
    }

    private static final class Query {
        final String id = UUID.randomUUID().toString();
        final StartQueryExecutionRequest request;
        final Instant submitted;
        final String outputLocation;
        Plan plan;
        int polls;
        QueryExecutionState state = QueryExecutionState.QUEUED;
        Instant completed;

        Query(StartQueryExecutionRequest request, Instant submitted, String outputLocation, Plan plan) {
            this.request = request;
            this.submitted = submitted;
            this.outputLocation = outputLocation;
            this.plan = plan;
        }
    }

    private final S3Client s3;
    private final Clock clock;
    private final String workGroup;
    private final String sql;
    private final Deque<Plan> plans = new ArrayDeque<>();
    private final Map<String, Query> byToken = new HashMap<>();
    private final Map<String, Query> byId = new LinkedHashMap<>();
    private final List<StartQueryExecutionRequest> starts = new ArrayList<>();
    private final CallCounter calls = new CallCounter();
    private Cursor cursor;

    FakeAthena(S3Client s3, Clock clock, String workGroup, String sql) {
        this.s3 = s3;
        this.clock = clock;
        this.workGroup = workGroup;
        this.sql = sql;
    }

    /** The outcome of the next new query (queries started later without a plan succeed with the last one's). */
    FakeAthena then(Plan plan) {
        plans.add(plan);
        return this;
    }

    @Override
    public StartQueryExecutionResponse startQueryExecution(StartQueryExecutionRequest request) {
        count("StartQueryExecution");
        starts.add(request);
        if (!workGroup.equals(request.workGroup())) {
            throw new AssertionError("query sent to workgroup " + request.workGroup() + ", expected " + workGroup);
        }
        if (!sql.equals(request.queryString())) {
            throw new AssertionError("unexpected query text: " + request.queryString());
        }
        if (request.clientRequestToken() == null || !TOKEN.matcher(request.clientRequestToken()).matches()) {
            throw new AssertionError("Athena needs a 32-128 character client request token, got "
                    + request.clientRequestToken());
        }
        Query query = byToken.get(request.clientRequestToken());
        if (query == null) {
            if (plans.isEmpty()) {
                throw new AssertionError("a query was started that the test did not plan");
            }
            Plan plan = plans.size() > 1 ? plans.poll() : plans.peek();
            String location = request.resultConfiguration() != null
                    && request.resultConfiguration().outputLocation() != null
                    ? request.resultConfiguration().outputLocation() : DEFAULT_OUTPUT_LOCATION;
            query = new Query(request, clock.instant(), location, plan);
            byToken.put(request.clientRequestToken(), query);
            byId.put(query.id, query);
        }
        return StartQueryExecutionResponse.builder().queryExecutionId(query.id).build();
    }

    @Override
    public GetQueryExecutionResponse getQueryExecution(GetQueryExecutionRequest request) {
        count("GetQueryExecution");
        Query query = find(request.queryExecutionId());
        if (query.completed == null) {
            query.polls++;
            if (query.polls >= query.plan.pollsUntilDone()) {
                finish(query);
            } else {
                query.state = query.polls == 1 ? QueryExecutionState.QUEUED : QueryExecutionState.RUNNING;
            }
        }
        return GetQueryExecutionResponse.builder().queryExecution(describe(query)).build();
    }

    private void finish(Query query) {
        query.state = query.plan.outcome();
        query.completed = clock.instant();
        if (query.state == QueryExecutionState.SUCCEEDED) {
            QueryRunner.S3Location location = resultLocation(query);
            query.plan.result().accept(new ResultTarget(s3, location.bucket(), location.key()));
        }
    }

    private QueryExecution describe(Query query) {
        return QueryExecution.builder()
                .queryExecutionId(query.id)
                .query(query.request.queryString())
                .workGroup(query.request.workGroup())
                .resultConfiguration(r -> r.outputLocation(resultLocation(query).toString()))
                .status(s -> s.state(query.state)
                        .submissionDateTime(query.submitted)
                        .completionDateTime(query.completed)
                        .stateChangeReason(query.completed != null ? query.plan.reason() : null))
                .build();
    }

    private static QueryRunner.S3Location resultLocation(Query query) {
        QueryRunner.S3Location folder = QueryRunner.S3Location.parse(query.outputLocation);
        return new QueryRunner.S3Location(folder.bucket(), folder.key() + query.id + ".csv");
    }

    /**
     * A page of the result, as Athena serves it: the header is the first row of the first page, at most 1,000 rows
     * a page, and a NextToken while rows may remain. Data rows are read from the result object in S3 as they are
     * asked for, so the naive paging a benchmark simulates costs the fake no memory.
     */
    @Override
    public GetQueryResultsResponse getQueryResults(GetQueryResultsRequest request) {
        count("GetQueryResults");
        Query query = find(request.queryExecutionId());
        if (query.state != QueryExecutionState.SUCCEEDED) {
            throw InvalidRequestException.builder().message("Query has not yet finished. Current state: "
                    + query.state).build();
        }
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        if (max < 1 || max > 1000) {
            throw InvalidRequestException.builder().message("MaxResults is 1 to 1000").build();
        }
        long offset = request.nextToken() == null ? 0 : Long.parseLong(request.nextToken());
        List<Row> rows = new ArrayList<>();
        if (offset == 0) {
            rows.add(row(query.plan.columns().stream().map(ResultColumn::name).toArray(String[]::new)));
        }
        boolean more = true;
        if (rows.size() < max) {
            if (cursor == null || !cursor.queryId.equals(query.id) || cursor.offset != Math.max(offset, 1)) {
                cursor = new Cursor(query.id, open(query));
                while (cursor.offset < offset) {
                    cursor.next();
                }
            }
            String[] record = null;
            while (rows.size() < max && (record = cursor.next()) != null) {
                rows.add(row(record));
            }
            more = record != null && cursor.hasMore();
        }
        long next = offset + rows.size();
        return GetQueryResultsResponse.builder()
                .resultSet(r -> r.rows(rows).resultSetMetadata(m -> m.columnInfo(query.plan.columns().stream()
                        .map(c -> ColumnInfo.builder().name(c.name()).type(c.type()).build()).toList())))
                .nextToken(more ? Long.toString(next) : null)
                .build();
    }

    private static Row row(String[] values) {
        return Row.builder().data(Arrays.stream(values).map(v -> Datum.builder().varCharValue(v).build()).toList())
                .build();
    }

    /** Reads the result object's data records in order; row offset 1 is the first record after the header. */
    private AthenaCsvReader open(Query query) {
        QueryRunner.S3Location location = resultLocation(query);
        ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(location.bucket())
                .key(location.key()));
        AthenaCsvReader reader = new AthenaCsvReader(in);
        try {
            reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader;
    }

    private static final class Cursor {
        final String queryId;
        final AthenaCsvReader reader;
        long offset = 1;
        String[] peeked;

        Cursor(String queryId, AthenaCsvReader reader) {
            this.queryId = queryId;
            this.reader = reader;
        }

        String[] next() {
            String[] record = peeked;
            peeked = null;
            try {
                record = record != null ? record : reader.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (record != null) {
                offset++;
            }
            return record;
        }

        boolean hasMore() {
            try {
                peeked = reader.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return peeked != null;
        }
    }

    private Query find(String id) {
        Query query = byId.get(id);
        if (query == null) {
            throw InvalidRequestException.builder().message("QueryExecution " + id + " was not found").build();
        }
        return query;
    }

    private void count(String operation) {
        calls.count(operation);
    }

    int calls(String operation) {
        return calls.calls(operation);
    }

    int totalCalls() {
        return calls.total();
    }

    Map<String, Integer> callsByOperation() {
        return calls.snapshot();
    }

    /** Every StartQueryExecution request received, in order. */
    List<StartQueryExecutionRequest> starts() {
        return starts;
    }

    /** Queries actually created (a reused token creates none). */
    int queriesCreated() {
        return byId.size();
    }

    @Override
    public String serviceName() {
        return "athena";
    }

    @Override
    public void close() {
    }
}
