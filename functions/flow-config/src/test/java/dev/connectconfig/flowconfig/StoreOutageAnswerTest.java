package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * FlowConfig reads and writes the flow-config store, and registers the store's outage with the API kit itself: the kit's answer to it (body, Retry-After,
 * no table named) is ApiResponsesTest's.
 */
class StoreOutageAnswerTest {

    @Test
    void aStoreOutageIsA503ToRetry() {
        ApiException answer = FlowConfigHandler.ERRORS.answer(
                new StoreUnavailableException("DynamoDB GetItem on FlowConfigTable failed", null)).orElseThrow();

        assertEquals(503, answer.status());
        assertEquals("STORE_UNAVAILABLE", answer.code());
        assertEquals("The flow-config store is unavailable right now; try again shortly.", answer.getMessage());
    }
}
