package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static SamTemplate.ApiRoute route(String method, String path) {
        return new SamTemplate.ApiRoute(method, path, "F", method + path, "Api");
    }

    private final RouteTable table = new RouteTable(List.of(route("GET", "/flow-configs/{id}"),
            route("GET", "/flow-configs/export"), route("GET", "/flow-configs/{id}/versions/{n}"),
            route("POST", "/files/{key+}")));

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        assertEquals("/flow-configs/export", table.match("GET", "/flow-configs/export").orElseThrow().route().path());
        assertEquals(Map.of("id", "main-queue"), table.match("GET", "/flow-configs/main-queue").orElseThrow()
                .pathParameters());
    }

    @Test
    void pathParametersArriveDecodedWithPlusKept() {
        assertEquals(Map.of("id", "+18005550100"), table.match("GET", "/flow-configs/%2B18005550100").orElseThrow()
                .pathParameters());
        assertEquals(Map.of("id", "+18005550100"), table.match("GET", "/flow-configs/+18005550100").orElseThrow()
                .pathParameters());
        assertEquals(Map.of("id", "a b", "n", "3"), table.match("GET", "/flow-configs/a%20b/versions/3")
                .orElseThrow().pathParameters());
    }

    @Test
    void aGreedyParameterTakesTheRest() {
        assertEquals(Map.of("key", "a/b/c"), table.match("POST", "/files/a/b/c").orElseThrow().pathParameters());
        assertTrue(table.match("POST", "/files").isEmpty());
    }

    @Test
    void otherMethodsAndPathsDoNotMatch() {
        assertTrue(table.match("DELETE", "/flow-configs/main-queue").isEmpty());
        assertTrue(table.match("GET", "/flow-configs/main-queue/versions").isEmpty());
        assertTrue(table.match("GET", "/flow-configs").isEmpty());
        assertTrue(table.hasPath("/flow-configs/main-queue"));
        assertFalse(table.hasPath("/nowhere"));
    }
}
