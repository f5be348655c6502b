package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/** Multipart upload, replacement and clean-up for real, against s3proxy. */
class StreamingUploadIT {

    private static final int PART = StreamingUpload.MIN_PART_SIZE;
    private static LocalS3 s3;
    private final ManualClock clock = ManualClock.at("2025-01-15T02:00:00Z");
    private String bucket;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = s3.newBucket("exports");
        s3.resetCalls();
    }

    private StreamingUpload upload(S3Client client, String key, Deadline deadline) {
        return new StreamingUpload(client, bucket, key, "application/x-ndjson", PART, deadline, Duration.ofSeconds(10));
    }

    private Deadline plenty() {
        return Deadline.after(clock, Duration.ofMinutes(15).toMillis());
    }

    private static byte[] bytes(int size, char fill) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) fill);
        return data;
    }

    @Test
    void anObjectSmallerThanAPartIsOnePutObject() {
        try (S3Client client = s3.client(); StreamingUpload upload = upload(client, "small.jsonl", plenty())) {
            upload.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
            upload.complete();
            assertEquals(1, upload.parts());
        }

        assertEquals("{\"a\":1}\n", s3.read(bucket, "small.jsonl"));
        assertEquals(1, s3.calls("PutObject"));
        assertEquals(0, s3.calls("CreateMultipartUpload"));
    }

    @Test
    void aLargerObjectIsUploadedInPartsAndAppearsWhole() {
        byte[] data = new byte[2 * PART + 12_345];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        try (S3Client client = s3.client(); StreamingUpload upload = upload(client, "big.jsonl", plenty())) {
            for (int offset = 0; offset < data.length; offset += 1000) {
                upload.write(data, offset, Math.min(1000, data.length - offset));
                if (offset == PART + 1000) {
                    assertEquals(List.of(), s3.keys(bucket), "nothing is visible before the upload completes");
                }
            }
            upload.complete();
            assertEquals(3, upload.parts());
            assertEquals(data.length, upload.bytes());
        }

        assertArrayEquals(data, s3.admin().getObjectAsBytes(r -> r.bucket(bucket).key("big.jsonl")).asByteArray());
        assertEquals(3, s3.calls("UploadPart"));
        assertEquals(1, s3.calls("CompleteMultipartUpload"));
        assertEquals(List.of(), s3.pendingUploads(bucket));
    }

    @Test
    void anUploadAbandonedHalfWayLeavesNoObjectNoPartsAndThePreviousFileIntact() {
        s3.put(bucket, "users.jsonl", "yesterday's complete export\n");

        try (S3Client client = s3.client(); StreamingUpload upload = upload(client, "users.jsonl", plenty())) {
            upload.write(bytes(2 * PART + 10, 'x'));
            assertEquals(1, s3.pendingUploads(bucket).size(), "two parts are stored, invisibly");
        }

        assertEquals(List.of("users.jsonl"), s3.keys(bucket));
        assertEquals("yesterday's complete export\n", s3.read(bucket, "users.jsonl"));
        assertEquals(List.of(), s3.pendingUploads(bucket));
        assertEquals(1, s3.calls("AbortMultipartUpload"));
    }

    @Test
    void whenS3FailsAPartHalfWayTheUploadIsAbortedAndNothingIsLeft() {
        AtomicInteger parts = new AtomicInteger();
        ExecutionInterceptor secondPartFails = LocalS3.failing("UploadPart", 2, parts);

        try (S3Client client = s3.client(secondPartFails);
                StreamingUpload upload = upload(client, "users.jsonl", plenty())) {
            ExportFailedException e = assertThrows(ExportFailedException.class,
                    () -> upload.write(bytes(3 * PART, 'y')));
            assertEquals(ExportFailedException.Reason.UPLOAD_FAILED, e.reason());
            assertTrue(e.getMessage().contains("uploading part 2 of s3://" + bucket + "/users.jsonl failed"));
        }

        assertEquals(List.of(), s3.keys(bucket));
        assertEquals(List.of(), s3.pendingUploads(bucket));
    }

    @Test
    void noPartIsBegunWhenTheFunctionIsAboutToTimeOut() {
        Deadline deadline = Deadline.after(clock, Duration.ofSeconds(60).toMillis());
        try (S3Client client = s3.client(); StreamingUpload upload = upload(client, "users.jsonl", deadline)) {
            upload.write(bytes(PART + 1, 'z'));
            clock.advance(Duration.ofSeconds(55));

            ExportFailedException e = assertThrows(ExportFailedException.class, () -> upload.write(bytes(PART, 'z')));
            assertEquals(ExportFailedException.Reason.OUT_OF_TIME, e.reason());
        }

        assertEquals(List.of(), s3.keys(bucket));
        assertEquals(List.of(), s3.pendingUploads(bucket));
    }

    @Test
    void completingReplacesTheObjectAtomically() {
        s3.put(bucket, "users.jsonl", "old\n");
        try (S3Client client = s3.client(); StreamingUpload upload = upload(client, "users.jsonl", plenty())) {
            upload.write(bytes(PART + 5, 'n'));
            assertEquals("old\n", s3.read(bucket, "users.jsonl"), "readers see the old file until completion");
            upload.complete();
        }

        assertEquals(PART + 5, s3.read(bucket, "users.jsonl").length());
        assertEquals(List.of("users.jsonl"), s3.keys(bucket));
    }
}
