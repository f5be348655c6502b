package dev.connectconfig.flowconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Calls to AWS made a few at a time: authorisation batches, BatchGetItem chunks and switch transactions. The bound is
 * the pool's size, so one request never has more than {@link #IN_FLIGHT} calls outstanding (Verified Permissions'
 * BatchIsAuthorized quota is shared by every caller of the account). Built once per container.
 */
final class ParallelCalls {

    /** Calls in flight at once; see docs/platform-team.md for why four. */
    static final int IN_FLIGHT = 4;

    /** One at a time, in order: a test that wants to stop between two calls. */
    static final ParallelCalls SEQUENTIAL = new ParallelCalls(null);

    private final ExecutorService executor;

    private ParallelCalls(ExecutorService executor) {
        this.executor = executor;
    }

    /** A pool of {@code inFlight} daemon threads, so a frozen or ending container is never held up by it. */
    static ParallelCalls of(int inFlight) {
        return new ParallelCalls(Executors.newFixedThreadPool(inFlight, Thread.ofPlatform().daemon()
                .name("aws-call-", 0).factory()));
    }

    /** {@code call} applied to every item, the results in the items' order; the first failure is thrown. */
    <T, R> List<R> map(List<T> items, Function<T, R> call) {
        if (executor == null || items.size() < 2) {
            return items.stream().map(call).toList();
        }
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(executor.submit(() -> call.apply(item)));
        }
        List<R> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                // Every call is awaited, even after a failure: none is left running into the next request.
                results.add(future.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while waiting for AWS calls", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** {@code items} cut into lists of at most {@code size}. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }
}
