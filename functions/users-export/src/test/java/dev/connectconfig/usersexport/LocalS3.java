package dev.connectconfig.usersexport;

import dev.connectconfig.aws.AwsClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * s3proxy, a real S3-compatible server, in-process on a free port with an in-memory store, and SDK clients for it
 * built like the function's own. Every request through {@link #client} is counted by operation name.
 */
final class LocalS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final URI endpoint;
    private final CallCounter calls = new CallCounter();
    private int buckets;
    /** The tests' own client for setting up and inspecting the bucket; its calls are not counted. */
    private final S3Client admin;

    private LocalS3(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.admin = clientFor(endpoint, new CallCounter());
    }

    static LocalS3 start() {
        return start(new TransientNio2BlobStore());
    }

    static LocalS3 start(BlobStore store) {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return new LocalS3(proxy);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client as the function builds it, path-style for a local server, plus the given interceptors. */
    S3Client client(ExecutionInterceptor... interceptors) {
        return clientFor(endpoint, calls, interceptors);
    }

    static S3Client clientFor(URI endpoint, CallCounter calls, ExecutionInterceptor... interceptors) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.count(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        // Configured as AwsClients.build configures the function's client, plus the interceptors (which that
        // method's own override configuration would replace).
        AwsClients.Timeouts timeouts = AwsClients.Timeouts.BACKGROUND;
        return S3Client.builder()
                .httpClient(AwsClients.httpClient(timeouts))
                .region(AwsClients.region())
                .credentialsProvider(AwsClients.credentials())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .overrideConfiguration(o -> {
                    o.apiCallAttemptTimeout(timeouts.attempt()).apiCallTimeout(timeouts.call());
                    o.addExecutionInterceptor(counter);
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    /**
     * Fault injection for a client: the {@code nth} call of {@code operation} fails as a dropped connection would;
     * {@code seen} counts that operation's calls.
     */
    static ExecutionInterceptor failing(String operation, int nth, AtomicInteger seen) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                        && seen.incrementAndGet() == nth) {
                    throw SdkClientException.create("connection reset (injected)");
                }
            }
        };
    }

    /** The uncounted client tests and fakes use to set up and inspect buckets (Athena writing its results). */
    S3Client admin() {
        return admin;
    }

    /** Calls of one S3 operation (PutObject, UploadPart, ...) through this server's clients so far. */
    int calls(String operation) {
        return calls.calls(operation);
    }

    int totalCalls() {
        return calls.total();
    }

    void resetCalls() {
        calls.reset();
    }

    /** A new empty bucket, named {@code <prefix>-<n>}, so each test starts from nothing. */
    String newBucket(String prefix) {
        String bucket = prefix + "-" + ++buckets;
        createBucket(bucket);
        return bucket;
    }

    void createBucket(String bucket) {
        admin.createBucket(request -> request.bucket(bucket));
    }

    void put(String bucket, String key, String text) {
        admin.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(text,
                StandardCharsets.UTF_8));
    }

    String read(String bucket, String key) {
        return admin.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String();
    }

    List<String> keys(String bucket) {
        return admin.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
    }

    List<MultipartUpload> pendingUploads(String bucket) {
        return admin.listMultipartUploads(request -> request.bucket(bucket)).uploads();
    }

    @Override
    public void close() {
        admin.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
