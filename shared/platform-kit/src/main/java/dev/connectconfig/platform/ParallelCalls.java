package dev.connectconfig.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one AWS call per item on at most {@code parallelism} threads: fast enough for a few dozen calls, gentle enough
 * that the SDK's retries absorb a service's throttling instead of running into it. An interrupt (the custom-resource
 * watchdog giving up) cancels the calls still running.
 */
public final class ParallelCalls {

    private ParallelCalls() {
    }

    /** Calls {@code call} for every item; returns the failures by item (empty when all succeeded). */
    public static <T> Map<T, RuntimeException> forEach(List<T> items, int parallelism, Consumer<T> call) {
        List<Future<Object>> futures = submit(items, parallelism, item -> {
            call.accept(item);
            return null;
        });
        Map<T, RuntimeException> failures = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                failures.put(items.get(i), asRuntime(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
        return failures;
    }

    /** The results in item order; the first failure, in item order, is thrown. */
    public static <T, R> List<R> map(List<T> items, int parallelism, Function<T, R> call) {
        List<Future<R>> futures = submit(items, parallelism, call);
        List<R> results = new ArrayList<>(items.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw asRuntime(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
        return results;
    }

    private static <T, R> List<Future<R>> submit(List<T> items, int parallelism, Function<T, R> call) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, items.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "aws-call");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Callable<R>> tasks = new ArrayList<>(items.size());
            for (T item : items) {
                tasks.add(() -> call.apply(item));
            }
            return pool.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
