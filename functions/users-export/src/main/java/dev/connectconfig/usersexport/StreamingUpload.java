package dev.connectconfig.usersexport;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3 object written as a stream: bytes fill one part buffer at a time and each full buffer is uploaded as a part of
 * a multipart upload, so memory stays at one part whatever the object's size. The object appears only when
 * {@link #complete()} succeeds (S3 makes a multipart upload visible at CompleteMultipartUpload, atomically replacing
 * any previous object); closing without completing aborts the upload, leaving neither object nor stored parts.
 * An object smaller than one part is written with a single PutObject, which is just as atomic.
 */
final class StreamingUpload extends OutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingUpload.class);

    /** S3's smallest part size except for the last part. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final Deadline deadline;
    private final Duration abortReserve;
    private final byte[] part;
    private int filled;
    private long bytes;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean completed;
    private boolean aborted;

    /**
     * @param abortReserve time kept to abort cleanly: a part is not started when less than this is left
     */
    StreamingUpload(S3Client s3, String bucket, String key, String contentType, int partSize, Deadline deadline,
            Duration abortReserve) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least " + MIN_PART_SIZE + " bytes");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.deadline = deadline;
        this.abortReserve = abortReserve;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) {
        if (filled == part.length) {
            uploadPart();
        }
        part[filled++] = (byte) b;
        bytes++;
    }

    @Override
    public void write(byte[] source) {
        write(source, 0, source.length);
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        int written = 0;
        while (written < length) {
            if (filled == part.length) {
                uploadPart();
            }
            int chunk = Math.min(length - written, part.length - filled);
            System.arraycopy(source, offset + written, part, filled, chunk);
            filled += chunk;
            written += chunk;
        }
        bytes += length;
    }

    /** Makes the object visible under its key, replacing any previous object there. */
    void complete() {
        requireOpen();
        try {
            if (uploadId == null) {
                requireTime();
                s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), filledPart());
            } else {
                if (filled > 0) {
                    uploadPart();
                }
                requireTime();
                s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts)));
            }
        } catch (SdkException e) {
            throw new ExportFailedException(ExportFailedException.Reason.UPLOAD_FAILED, "writing s3://" + bucket
                    + "/" + key + " failed: " + e.getClass().getSimpleName(), e);
        }
        completed = true;
    }

    private void uploadPart() {
        requireOpen();
        try {
            requireTime();
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)
                        .contentType(contentType).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
            }
            int number = parts.size() + 1;
            UploadPartResponse response = s3.uploadPart(request -> request.bucket(bucket).key(key)
                    .uploadId(uploadId).partNumber(number).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    filledPart());
            parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32()).build());
            filled = 0;
        } catch (SdkException e) {
            throw new ExportFailedException(ExportFailedException.Reason.UPLOAD_FAILED, "uploading part "
                    + (parts.size() + 1) + " of s3://" + bucket + "/" + key + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** The buffer as a request body, without copying it; the SDK re-reads it from the start on a retry. */
    private RequestBody filledPart() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, contentType);
    }

    private void requireTime() {
        if (!deadline.allows(abortReserve)) {
            throw new ExportFailedException(ExportFailedException.Reason.OUT_OF_TIME, "the export of s3://" + bucket
                    + "/" + key + " did not finish in the function's time (" + bytes + " bytes written); a retry "
                    + "starts the copy again from the finished query");
        }
    }

    private void requireOpen() {
        if (completed || aborted) {
            throw new IllegalStateException("the upload of " + key + " is already " + (completed ? "complete"
                    : "aborted"));
        }
    }

    /** Aborts the upload unless it completed: nothing of it stays in the bucket. */
    @Override
    public void close() {
        if (completed || aborted) {
            return;
        }
        aborted = true;
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            LOG.warn("aborted the unfinished upload", entry("key", key), entry("partsUploaded", parts.size()));
        } catch (SdkException e) {
            // The bucket's lifecycle rule removes what is left; the next run for this day aborts it too.
            LOG.error("could not abort the unfinished upload", entry("key", key), entry("uploadId", uploadId), e);
        }
    }

    long bytes() {
        return bytes;
    }

    int parts() {
        return uploadId == null ? (completed ? 1 : 0) : parts.size();
    }
}
