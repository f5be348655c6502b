package dev.connectconfig.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.platform.ParallelCalls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelCallsTest {

    private static final List<Integer> TWENTY = IntStream.range(0, 20).boxed().toList();

    @Test
    void noMoreCallsRunAtOnceThanTheBound() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch fourStarted = new CountDownLatch(4);

        ParallelCalls.forEach(TWENTY, 4, item -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            fourStarted.countDown();
            try {
                // the first four wait for each other (briefly, should fewer ever run at once), so the bound is reached
                fourStarted.await(2, TimeUnit.SECONDS);
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        });

        assertEquals(4, most.get());
    }

    @Test
    void everyItemIsCalledAndFailuresAreReturnedByItem() {
        IllegalStateException refused = new IllegalStateException("refused");
        AtomicInteger calls = new AtomicInteger();

        Map<Integer, RuntimeException> failures = ParallelCalls.forEach(TWENTY, 4, item -> {
            calls.incrementAndGet();
            if (item % 7 == 0) {
                throw refused;
            }
        });

        assertEquals(20, calls.get());
        assertEquals(List.of(0, 7, 14), List.copyOf(failures.keySet()));
        assertSame(refused, failures.get(7));
    }

    @Test
    void mapKeepsItemOrderAndThrowsTheFirstFailure() {
        assertEquals(TWENTY.stream().map(i -> i * 2).toList(), ParallelCalls.map(TWENTY, 3, i -> i * 2));
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
                () -> ParallelCalls.map(TWENTY, 3, i -> {
                    if (i >= 5) {
                        throw new IllegalArgumentException("item " + i);
                    }
                    return i;
                }));
        assertEquals("item 5", first.getMessage());
    }

    @Test
    void noItemsNoThreads() {
        assertTrue(ParallelCalls.forEach(List.<Integer>of(), 4, item -> {
            throw new AssertionError("called");
        }).isEmpty());
    }
}
