package dev.connectconfig.flowconfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@link ApiFixture} (DynamoDB Local, Cedar, the real handler) per integration test class. */
abstract class ApiIntegrationTest {

    static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = ApiFixture.start();
    }

    @AfterAll
    static void stopApi() throws Exception {
        api.close();
    }
}
