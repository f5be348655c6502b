package dev.connectconfig.getconfig;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigStore;
import dev.connectconfig.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Flow configs held in the container for a short time, so a busy queue does not read DynamoDB on every call, and
 * so a call can still be answered from the last value read when DynamoDB is slow or down.
 *
 * <p>A config is cached with the calendars its schedules name, read with it and expiring with it; an expired entry
 * still says which calendars to read together with the config next time (one round trip).
 *
 * <p>Unknown ids are cached too (a misconfigured flow must not read the table on every call). After a failed read,
 * callers get the stale value, or fail at once, for a short back-off instead of each waiting out the SDK timeout.
 */
final class FlowConfigCache {

    enum Source { HIT, MISS, STALE }

    record Lookup(Optional<FlowConfig> config, Source source) {
    }

    private static final int MAX_ENTRIES = 1_000;

    private record Cached(Optional<FlowConfig> config, long loadedAt, long retryAfter) {
    }

    private final FlowConfigStore store;
    private final long ttlNanos;
    private final long backoffNanos;
    private final LongSupplier clock;
    private final Map<String, Cached> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final Map<String, Long> unavailableUntil = new LinkedHashMap<>();

    FlowConfigCache(FlowConfigStore store, Duration ttl, Duration failureBackoff, LongSupplier clock) {
        this.store = store;
        this.ttlNanos = ttl.toNanos();
        this.backoffNanos = failureBackoff.toNanos();
        this.clock = clock;
    }

    /** Throws {@link StoreUnavailableException} only when the store fails and nothing was ever cached for the id. */
    synchronized Lookup get(String id) {
        long now = clock.getAsLong();
        Cached cached = entries.get(id);
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return new Lookup(cached.config(), Source.HIT);
        }
        if (cached != null && now < cached.retryAfter()) {
            return new Lookup(cached.config(), Source.STALE);
        }
        Long blockedUntil = unavailableUntil.get(id);
        if (cached == null && blockedUntil != null && now < blockedUntil) {
            throw new StoreUnavailableException("the store failed moments ago; not waiting on it again yet", null);
        }
        try {
            // The calendars it named when last read come in the same round trip as the config.
            Optional<FlowConfig> loaded = store.findServed(id, cached == null ? List.of()
                    : cached.config().map(FlowConfig::calendarIds).orElse(List.of()));
            entries.put(id, new Cached(loaded, clock.getAsLong(), 0));
            unavailableUntil.remove(id);
            return new Lookup(loaded, Source.MISS);
        } catch (StoreUnavailableException e) {
            long retryAfter = clock.getAsLong() + backoffNanos;
            if (cached != null) {
                entries.put(id, new Cached(cached.config(), cached.loadedAt(), retryAfter));
                return new Lookup(cached.config(), Source.STALE);
            }
            unavailableUntil.put(id, retryAfter);
            if (unavailableUntil.size() > MAX_ENTRIES) {
                unavailableUntil.remove(unavailableUntil.keySet().iterator().next());
            }
            throw e;
        }
    }
}
