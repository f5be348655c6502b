package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigStore;
import dev.connectconfig.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FlowConfigCacheTest {

    /** A store whose answers and availability the test controls, counting reads. */
    private static final class ScriptedStore implements FlowConfigStore {
        final Map<String, FlowConfig> configs = new HashMap<>();
        boolean down;
        int reads;

        @Override
        public Optional<FlowConfig> find(String id) {
            reads++;
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            return Optional.ofNullable(configs.get(id));
        }
    }

    private final ScriptedStore store = new ScriptedStore();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FlowConfigCache cache = new FlowConfigCache(store, Duration.ofSeconds(30), Duration.ofSeconds(5),
            now::get);

    private static FlowConfig version(long version) {
        return new FlowConfig("q", "d", Map.of(), Map.of(), Map.of(), null, version, null, null);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aConfigIsReadOnceWithinTheTtlThenReadAgain() {
        store.configs.put("q", version(1));

        assertEquals(FlowConfigCache.Source.MISS, cache.get("q").source());
        store.configs.put("q", version(2));
        advance(Duration.ofSeconds(29));
        FlowConfigCache.Lookup hit = cache.get("q");
        advance(Duration.ofSeconds(2));
        FlowConfigCache.Lookup refreshed = cache.get("q");

        assertEquals(FlowConfigCache.Source.HIT, hit.source());
        assertEquals(1, hit.config().orElseThrow().version());
        assertEquals(2, refreshed.config().orElseThrow().version());
        assertEquals(2, store.reads);
    }

    @Test
    void unknownIdsAreCachedToo() {
        cache.get("nope");
        FlowConfigCache.Lookup again = cache.get("nope");

        assertEquals(Optional.empty(), again.config());
        assertEquals(1, store.reads);
    }

    @Test
    void whenTheStoreFailsTheLastValueIsServedStaleWithoutWaitingOnTheStoreAgain() {
        store.configs.put("q", version(1));
        cache.get("q");
        advance(Duration.ofSeconds(31));
        store.down = true;

        FlowConfigCache.Lookup first = cache.get("q");
        FlowConfigCache.Lookup second = cache.get("q");
        advance(Duration.ofSeconds(6));
        store.down = false;
        store.configs.put("q", version(2));
        FlowConfigCache.Lookup recovered = cache.get("q");

        assertEquals(FlowConfigCache.Source.STALE, first.source());
        assertEquals(FlowConfigCache.Source.STALE, second.source());
        assertEquals(1, second.config().orElseThrow().version());
        assertEquals(3, store.reads, "the second stale answer must not have tried the store");
        assertEquals(FlowConfigCache.Source.MISS, recovered.source());
        assertEquals(2, recovered.config().orElseThrow().version());
    }

    @Test
    void withNothingCachedAFailureIsThrownAndRepeatedCallsFailAtOnce() {
        store.down = true;

        assertThrows(StoreUnavailableException.class, () -> cache.get("q"));
        assertThrows(StoreUnavailableException.class, () -> cache.get("q"));
        assertEquals(1, store.reads);
        advance(Duration.ofSeconds(6));
        store.down = false;
        store.configs.put("q", version(3));
        assertEquals(3, cache.get("q").config().orElseThrow().version());
    }
}
