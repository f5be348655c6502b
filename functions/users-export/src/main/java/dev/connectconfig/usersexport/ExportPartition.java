package dev.connectconfig.usersexport;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One day's folder of the export, {@code s3://<bucket>/<prefix>/dt=YYYY-MM-DD/}: the data file
 * {@code users.<ext>} and {@code manifest.json}, and the housekeeping that keeps exactly one complete data file there.
 */
final class ExportPartition {

    private static final Logger LOG = LoggerFactory.getLogger(ExportPartition.class);
    static final String DATA_FILE_STEM = "users.";
    static final String MANIFEST_FILE = "manifest.json";

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

    String dataKey(OutputFormat format) {
        return folder + DATA_FILE_STEM + format.extension();
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

    /** Removes data files of another format from this day, so the day holds exactly the file just written. */
    int removeOtherDataFiles(String keep) {
        int removed = 0;
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(folder)).contents()) {
            String name = object.key().substring(folder.length());
            if (name.startsWith(DATA_FILE_STEM) && !object.key().equals(keep)) {
                s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
                LOG.info("removed this day's data file of another format", entry("key", object.key()));
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
