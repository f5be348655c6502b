package dev.connectconfig.usersexport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** AWS calls by operation name (PutObject, StartQueryExecution, ...), counted by the S3 client and the fake Athena. */
final class CallCounter {

    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    void count(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void reset() {
        calls.clear();
    }

    /** The counts so far, by operation name. */
    Map<String, Integer> snapshot() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }
}
