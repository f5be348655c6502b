package dev.connectconfig.usersexport;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.connectconfig.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Exports the users table for one day: the Athena query (once per day, see {@link AthenaQueryRunner}), then its
 * result object streamed from S3, parsed record by record and streamed back to S3 as this run's data file, then the
 * manifest naming it (see {@link ExportPartition}). Memory holds one read buffer and one upload part, whatever the
 * number of users.
 */
final class UsersExportService {

    private static final Logger LOG = LoggerFactory.getLogger(UsersExportService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** 8 MiB parts: 80 GB before S3's 10,000-part limit, and one buffer's worth of memory. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    /** Lambda's longest invocation: an upload begun earlier than this belongs to no live run. */
    static final Duration LONGEST_INVOCATION = Duration.ofMinutes(15);

    /** How the export spends the function's time. */
    record Timings(Duration copyReserve, Duration abortReserve) {

        /** Polling stops two minutes before the end to leave the copy time; a part is not begun in the last 10 s. */
        static final Timings LAMBDA = new Timings(Duration.ofMinutes(2), Duration.ofSeconds(10));
    }

    private final ExportSettings settings;
    private final QueryRunner queries;
    private final S3Client s3;
    private final Clock clock;
    private final Timings timings;
    private final int partSize;

    UsersExportService(ExportSettings settings, QueryRunner queries, S3Client s3, Clock clock, Timings timings,
            int partSize) {
        this.settings = settings;
        this.queries = queries;
        this.s3 = s3;
        this.clock = clock;
        this.timings = timings;
        this.partSize = partSize;
    }

    /** The service the template configures, with clients built once per container. */
    static UsersExportService fromEnvironment() {
        ExportSettings settings = ExportSettings.fromEnvironment();
        AthenaClient athena = AwsClients.build(AthenaClient.builder(), AwsClients.Timeouts.BACKGROUND, null);
        S3Client s3 = AwsClients.build(S3Client.builder(), AwsClients.Timeouts.BACKGROUND, null);
        Clock clock = Clock.systemUTC();
        return new UsersExportService(settings, new AthenaQueryRunner(athena, settings.workGroup(),
                settings.athenaOutputLocation(), clock, Sleeper.REAL, Timings.LAMBDA.copyReserve()), s3, clock,
                Timings.LAMBDA, PART_SIZE);
    }

    Clock clock() {
        return clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    ExportSummary export(ExportRequest request, Deadline deadline) {
        Instant startedAt = clock.instant();
        ExportPartition partition = new ExportPartition(s3, settings.bucket(), settings.prefix(), request.date());
        QueryRunner.FinishedQuery query = queries.run(settings.query(), "users-export/" + request.date(), deadline);

        int abandoned = partition.abortAbandonedUploads(startedAt.minus(LONGEST_INVOCATION));
        String dataKey = partition.dataKey(settings.format(), startedAt);
        Copied copied;
        try (ResponseInputStream<GetObjectResponse> result = openResult(query);
                AthenaCsvReader reader = new AthenaCsvReader(result);
                StreamingUpload upload = new StreamingUpload(s3, settings.bucket(), dataKey,
                        settings.format().contentType(), partSize, deadline, timings.abortReserve())) {
            try {
                copied = copy(reader, upload, query);
            } catch (IOException | RuntimeException e) {
                // Drop the connection instead of draining the rest of a large result on close.
                result.abort();
                throw e;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE, "reading the result of "
                    + "Athena query " + query.queryExecutionId() + " failed: " + e.getClass().getSimpleName(), e);
        }
        ExportSummary summary = new ExportSummary(request.date(), request.trigger(), settings.database(),
                settings.table(), settings.workGroup(), query.queryExecutionId(), query.startedEarlier(),
                settings.format(), settings.bucket(), dataKey, copied.rows(), copied.bytes(), copied.parts(),
                query.columns(), startedAt, query.completedAt(), clock.instant());
        try {
            partition.writeManifest(JSON.writeValueAsBytes(summary.manifest()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest is a plain map", e);
        }
        // Only after the manifest names this run's file; runs that may still be writing keep theirs.
        int removed = partition.removeEarlierRunsFiles(dataKey, startedAt.minus(LONGEST_INVOCATION));
        LOG.info("users exported", entry("date", request.date().toString()), entry("trigger", request.trigger()),
                entry("rows", copied.rows()), entry("bytes", copied.bytes()), entry("parts", copied.parts()),
                entry("key", dataKey), entry("queryExecutionId", query.queryExecutionId()),
                entry("queryReused", query.startedEarlier()),
                entry("abandonedUploadsAborted", abandoned), entry("earlierRunsFilesRemoved", removed));
        return summary;
    }

    private record Copied(long rows, long bytes, int parts) {
    }

    /** Every record of the result through the format's writer into the upload, which then completes. */
    private Copied copy(AthenaCsvReader reader, StreamingUpload upload, QueryRunner.FinishedQuery query)
            throws IOException {
        List<ResultColumn> columns = checkHeader(reader.next(), query);
        RowWriter writer = settings.format().writer(upload, columns);
        long rows = 0;
        for (String[] row = reader.next(); row != null; row = reader.next()) {
            if (row.length != columns.size()) {
                throw new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE, "record "
                        + reader.records() + " of the query result has " + row.length + " values for "
                        + columns.size() + " columns");
            }
            writer.write(row);
            rows++;
        }
        writer.finish();
        upload.complete();
        return new Copied(rows, upload.bytes(), upload.parts());
    }

    private ResponseInputStream<GetObjectResponse> openResult(QueryRunner.FinishedQuery query) {
        try {
            return s3.getObject(request -> request.bucket(query.result().bucket()).key(query.result().key()));
        } catch (NoSuchKeyException e) {
            throw new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE, "the result object "
                    + query.result() + " of Athena query " + query.queryExecutionId() + " does not exist (expired by"
                    + " the results bucket's lifecycle?)", e);
        } catch (SdkException e) {
            throw new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE, "reading "
                    + query.result() + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The CSV's header must name the columns Athena's metadata lists; an empty object is a result of no rows. */
    private static List<ResultColumn> checkHeader(String[] header, QueryRunner.FinishedQuery query) {
        List<String> expected = query.columns().stream().map(ResultColumn::name).toList();
        if (header != null && !Arrays.asList(header).equals(expected)) {
            throw new ExportFailedException(ExportFailedException.Reason.RESULT_UNREADABLE, "the result's header "
                    + Arrays.toString(header) + " does not match the query's columns " + expected);
        }
        return query.columns();
    }
}
