package dev.connectconfig.usersexport;

import java.time.Instant;
import java.util.List;

/** Runs the export's query to completion and says where its result is. Athena in production. */
interface QueryRunner {

    /**
     * Runs {@code sql} once per {@code idempotencyKey}: a second call with the same key (a retried invocation) picks
     * up the query the first one started instead of starting another.
     *
     * @throws ExportFailedException QUERY_FAILED with the engine's reason, or QUERY_STILL_RUNNING when the
     *     deadline comes first
     */
    FinishedQuery run(String sql, String idempotencyKey, Deadline deadline);

    /** A query that succeeded: its id, its result object and the result's columns. */
    record FinishedQuery(String queryExecutionId, S3Location result, List<ResultColumn> columns,
            Instant submittedAt, Instant completedAt, boolean startedEarlier) {

        public FinishedQuery {
            columns = List.copyOf(columns);
        }
    }

    /** An object in S3. */
    record S3Location(String bucket, String key) {

        static S3Location parse(String uri) {
            if (uri == null || !uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
                throw new IllegalArgumentException("not an s3://bucket/key URI: " + uri);
            }
            int slash = uri.indexOf('/', 5);
            return new S3Location(uri.substring(5, slash), uri.substring(slash + 1));
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
