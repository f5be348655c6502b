package dev.connectconfig.usersexport;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One day's folder of the export, {@code s3://<bucket>/<prefix>/dt=YYYY-MM-DD/}: {@code manifest.json} and the data
 * file it names, {@code users-<run>.<ext>}, and the housekeeping that removes the files of earlier runs.
 *
 * <p>Each run writes its own data file, then the manifest naming it, then removes data files of runs that began more
 * than {@link UsersExportService#LONGEST_INVOCATION} before it: none of those can still be running or be about to
 * write a manifest. So the manifest a reader finds always names a data file that exists and that the same run wrote;
 * two runs of one day at the same time each keep their own file, and the later manifest wins.
 */
final class ExportPartition {

    private static final Logger LOG = LoggerFactory.getLogger(ExportPartition.class);
    static final String DATA_FILE_STEM = "users";
    static final String MANIFEST_FILE = "manifest.json";
    /** A run: when it began (UTC, to the second) and a random part, so two runs never share a data file. */
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern RUN_FILE =
            Pattern.compile(DATA_FILE_STEM + "-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}\\.[a-z]+");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Client s3;
    private final String bucket;
    private final String folder;

    ExportPartition(S3Client s3, String bucket, String prefix, LocalDate date) {
        this.s3 = s3;
        this.bucket = bucket;
        this.folder = prefix + "/dt=" + date + "/";
    }

    String bucket() {
        return bucket;
    }

    /** The data file of the run that began at {@code startedAt}. */
    String dataKey(OutputFormat format, Instant startedAt) {
        return folder + DATA_FILE_STEM + "-" + RUN_TIME.format(startedAt) + "-"
                + HexFormat.of().toHexDigits(RANDOM.nextInt()) + "." + format.extension();
    }

    String manifestKey() {
        return folder + MANIFEST_FILE;
    }

    /**
     * Aborts uploads into this day's folder that began before {@code startedBefore}: runs that Lambda stopped at its
     * timeout never got to abort their own. A run still in progress started later, so it is left alone.
     */
    int abortAbandonedUploads(Instant startedBefore) {
        int aborted = 0;
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request -> request.bucket(bucket)
                .prefix(folder)).uploads()) {
            if (upload.initiated() != null && upload.initiated().isBefore(startedBefore)) {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key())
                        .uploadId(upload.uploadId()));
                LOG.warn("aborted an upload an earlier run left unfinished", entry("key", upload.key()),
                        entry("initiated", upload.initiated().toString()));
                aborted++;
            }
        }
        return aborted;
    }

    /**
     * Removes this day's data files, other than {@code keep}, of runs that began before {@code earlierThan}, and
     * files named before runs had their own ({@code users.jsonl}).
     */
    int removeEarlierRunsFiles(String keep, Instant earlierThan) {
        int removed = 0;
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(folder)).contents()) {
            String name = object.key().substring(folder.length());
            if (!name.startsWith(DATA_FILE_STEM) || object.key().equals(keep)) {
                continue;
            }
            Matcher run = RUN_FILE.matcher(name);
            if (!run.matches() || Instant.from(RUN_TIME.parse(run.group(1))).isBefore(earlierThan)) {
                s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
                LOG.info("removed an earlier run's data file", entry("key", object.key()));
                removed++;
            }
        }
        return removed;
    }

    void writeManifest(byte[] json) {
        s3.putObject(request -> request.bucket(bucket).key(manifestKey()).contentType("application/json"),
                RequestBody.fromBytes(json));
    }
}
