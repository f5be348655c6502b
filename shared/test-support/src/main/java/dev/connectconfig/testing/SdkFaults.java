package dev.connectconfig.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Faults an in-memory SDK client can be told to show on every call: the service's throttling error (what the caller
 * sees once the SDK's retries are spent), an unexpected exception, or a call that hangs until released or
 * interrupted, as the SDK's calls do when their thread is interrupted.
 */
public final class SdkFaults {

    private final String service;
    private final String throttlingCode;
    private final AtomicReference<AwsServiceException.Builder> throttledAs = new AtomicReference<>();
    private final AtomicReference<RuntimeException> unexpected = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();
    private final AtomicBoolean throttling = new AtomicBoolean();
    private final CountDownLatch interrupted = new CountDownLatch(1);

    /** {@code throttled} builds the service's own throttling exception, with {@code throttlingCode} as its code. */
    public SdkFaults(String service, String throttlingCode, AwsServiceException.Builder throttled) {
        this.service = service;
        this.throttlingCode = throttlingCode;
        this.throttledAs.set(throttled);
    }

    public void throttle() {
        throttling.set(true);
    }

    public void failUnexpectedly(RuntimeException failure) {
        unexpected.set(failure);
    }

    /** Every later call blocks until {@code release} opens or the calling thread is interrupted. */
    public void hangUntil(CountDownLatch release) {
        hang.set(release);
    }

    /** Opens when a hanging call was interrupted. */
    public CountDownLatch interrupted() {
        return interrupted;
    }

    /** Called by the fake at the start of every call. */
    public void onCall() {
        CountDownLatch release = hang.get();
        if (release != null) {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                throw AbortedException.builder().message("Thread was interrupted").build();
            }
        }
        RuntimeException failure = unexpected.get();
        if (failure != null) {
            throw failure;
        }
        if (throttling.get()) {
            throw error(throttledAs.get(), throttlingCode, "Rate exceeded");
        }
    }

    /** The service's exception as the SDK builds it from an error response: HTTP 400 with the error code. */
    public AwsServiceException error(AwsServiceException.Builder builder, String code, String message) {
        return builder.message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(service)
                        .build())
                .build();
    }
}
