package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A read-only replica region refuses every write route with 409 READ_ONLY_REGION before it reads or asks anything:
 * in memory, over a store and an authorizer that record every call they get.
 */
class ReadOnlyRegionTest {

    /** The routes that change configs; a dry run of the three that take one is served. */
    private static final Set<String> WRITES = Set.of("PUT /flow-configs/{id}", "DELETE /flow-configs/{id}",
            "POST /flow-configs/{id}/versions/{n}/restore", "POST /flow-configs/import",
            "POST /flow-configs/emergency", "DELETE /flow-configs/emergency", "PUT /calendars/{id}",
            "DELETE /calendars/{id}", "POST /calendars/{id}/versions/{n}/restore");
    private static final Set<String> WITH_DRY_RUN = Set.of("POST /flow-configs/import",
            "POST /flow-configs/emergency", "DELETE /flow-configs/emergency");
    /** The one route that is not a GET and writes nothing: it renders a config as GetConfig would. */
    private static final Set<String> READS_BY_POST = Set.of("POST /flow-configs/{id}/preview");

    private final List<String> touched = new ArrayList<>();

    private FlowConfigHandler handler(WriteRegion region) {
        FlowConfigRepository repository = recording(FlowConfigRepository.class);
        FlowConfigAuthorizer authorizer = recording(FlowConfigAuthorizer.class);
        return new FlowConfigHandler(FlowConfigFactory.build(repository, authorizer, Clock.systemUTC()),
                "https://config.example.com", region);
    }

    /** Records the call, then fails it: a refused write must never get here. */
    private <T> T recording(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    touched.add(type.getSimpleName() + "." + method.getName());
                    throw new IllegalStateException("reached " + method.getName());
                }));
    }

    /** A request each route would act on: what it reads from path, query, headers and body is there. */
    private static APIGatewayProxyRequestEvent request(String routeKey, String dryRun) {
        String[] parts = routeKey.split(" ", 2);
        Object body = routeKey.equals("POST /flow-configs/import")
                ? ApiFixture.event("import.json").getBody()
                : Map.of("ids", List.of("main-queue"), "set", Map.of("variables", Map.of("Closure", "true")));
        ApiFixture.Request request = new ApiFixture.Request(parts[0], parts[1]).claims(ApiFixture.admin())
                .id("main-queue").path("n", "1").header("If-Match", "\"1\"").query("ids", "main-queue").json(body);
        if (dryRun != null) {
            request.query("dryRun", dryRun);
        }
        return request.build();
    }

    @Test
    void everyWriteRouteIsRefusedNamingThePrimaryAndTouchesNothing() {
        FlowConfigHandler replica = handler(new WriteRegion("eu-west-1", "us-east-1"));
        Set<String> refused = new TreeSet<>();
        for (String route : replica.routeKeys()) {
            touched.clear();
            APIGatewayProxyResponseEvent response = ApiFixture.invoke(replica, request(route, null));
            if (response.getStatusCode() == 409) {
                JsonNode body = ApiFixture.body(response);
                assertEquals("READ_ONLY_REGION", body.path("code").asText(), route);
                assertEquals("This region (eu-west-1) is a read-only replica; make changes in us-east-1.",
                        body.path("message").asText(), route);
                assertEquals(List.of(), touched, route + " read or asked something before refusing");
                refused.add(route);
            } else {
                assertFalse(touched.isEmpty(), route + " answered " + response.getStatusCode() + " without working");
            }
        }
        assertEquals(new TreeSet<>(WRITES), refused);
        // Every route that is not a GET is a write unless it is named here as one that only reads.
        for (String route : replica.routeKeys()) {
            if (!route.startsWith("GET ")) {
                assertTrue(WRITES.contains(route) || READS_BY_POST.contains(route), route + " is not classified");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /flow-configs/import", "POST /flow-configs/emergency",
            "DELETE /flow-configs/emergency"})
    void aDryRunIsServedInAReplica(String route) {
        FlowConfigHandler replica = handler(new WriteRegion("eu-west-1", "us-east-1"));
        APIGatewayProxyResponseEvent dry = ApiFixture.invoke(replica, request(route, "true"));
        assertNotEquals(409, dry.getStatusCode());
        assertFalse(touched.isEmpty(), "the dry run went on to read");

        touched.clear();
        APIGatewayProxyResponseEvent notDry = ApiFixture.invoke(replica, request(route, "false"));
        assertEquals(409, notDry.getStatusCode());
        assertEquals(List.of(), touched);
        assertTrue(WITH_DRY_RUN.contains(route));
    }

    @Test
    void theRegionWritesWhenNoPrimaryOrItselfIsNamed() {
        for (WriteRegion region : List.of(new WriteRegion("eu-west-1", ""), new WriteRegion("eu-west-1", null),
                new WriteRegion("eu-west-1", "eu-west-1"), new WriteRegion("eu-west-1", " eu-west-1 "),
                WriteRegion.PRIMARY)) {
            assertFalse(region.readOnly(), region.toString());
            touched.clear();
            APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler(region),
                    request("PUT /flow-configs/{id}", null));
            assertNotEquals(409, response.getStatusCode(), region.toString());
            assertFalse(touched.isEmpty(), region + ": the write went on");
        }
        assertTrue(new WriteRegion("eu-west-1", "us-east-1").readOnly());
    }
}
