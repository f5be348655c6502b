package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.ScheduleJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.engines.DynamoDbLocal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The list's status badges through the real handler over DynamoDB Local: every write path leaves the summary on the
 * item, the list reads it from the catalog-status index with no read per row, and a config written before summaries
 * existed lists with status null.
 */
class ListStatusIT extends ApiIntegrationTest {

    /** Active at every moment: a weekly range whose end equals its start spans 24 hours, every day. */
    private static final Schedule ALWAYS_CLOSED = new Schedule("always", null, null, new ScheduleWhen.Weekly(
            EnumSet.allOf(DayOfWeek.class), LocalTime.of(0, 0), LocalTime.of(0, 0)), Map.of("Closure", "true"),
            Map.of());

    @BeforeEach
    void samples() {
        api.reset();
    }

    /** The status of {@code id} in the list, read as an admin. */
    private static JsonNode listed(String id) {
        APIGatewayProxyResponseEvent list = api.invoke(new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).build());
        assertEquals(200, list.getStatusCode(), list.getBody());
        for (JsonNode item : body(list).get("items")) {
            if (item.get("id").asText().equals(id)) {
                assertTrue(item.has("status"), item.toString());
                return item.get("status");
            }
        }
        throw new AssertionError(id + " is not listed: " + list.getBody());
    }

    private static String summaryOf(String id) {
        AttributeValue value = api.dynamoDb.client().getItem(b -> b.tableName(DynamoDbLocal.FLOW_CONFIG_TABLE)
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item().get(ListStatus.ATTRIBUTE);
        return value == null ? null : value.s();
    }

    private static ObjectNode withAlwaysClosed(String id) {
        ObjectNode config = FlowConfigJson.toJson(api.stored(id));
        config.remove(List.of("version", "updatedAt", "updatedBy"));
        config.putArray("schedules").add(ScheduleJson.toJson(ALWAYS_CLOSED));
        return config;
    }

    @Test
    void aSampleWrittenBeforeSummariesListsWithStatusNull() {
        assertEquals(null, summaryOf("main-queue"));
        assertTrue(listed("main-queue").isNull());
    }

    @Test
    void aPutLeavesTheSummaryAndTheListShowsTheStatusNow() {
        APIGatewayProxyResponseEvent put = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("main-queue").header("If-Match", "\"1\"").json(withAlwaysClosed("main-queue").toString())
                .claims(ApiFixture.admin()).build());
        assertEquals(200, put.getStatusCode(), put.getBody());

        assertNotNull(summaryOf("main-queue"));
        assertEquals("{\"emergency\":null,\"hasSchedules\":true,\"scheduleCount\":1,\"activeSchedules\":[\"always\"],"
                + "\"closed\":true}", listed("main-queue").toString());
    }

    @Test
    void aCreateLeavesTheSummary() {
        ObjectNode config = withAlwaysClosed("main-queue");
        config.put("id", "main-queue-2");
        APIGatewayProxyResponseEvent created = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("main-queue-2").header("If-None-Match", "*").json(config.toString())
                .claims(ApiFixture.admin()).build());
        assertEquals(201, created.getStatusCode(), created.getBody());

        assertTrue(listed("main-queue-2").get("closed").asBoolean());
    }

    @Test
    void aRestoreLeavesTheSummaryOfTheRestoredVersion() {
        api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"")
                .json(withAlwaysClosed("main-queue").toString()).claims(ApiFixture.admin()).build());
        assertTrue(listed("main-queue").get("closed").asBoolean());

        APIGatewayProxyResponseEvent restored = api.invoke(new ApiFixture.Request("POST",
                "/flow-configs/{id}/versions/{n}/restore").id("main-queue").path("n", "1").header("If-Match", "\"2\"")
                .claims(ApiFixture.admin()).build());
        assertEquals(200, restored.getStatusCode(), restored.getBody());

        assertEquals("{\"emergency\":null,\"hasSchedules\":false,\"scheduleCount\":0,\"activeSchedules\":[],"
                + "\"closed\":false}", listed("main-queue").toString());
    }

    @Test
    void anImportLeavesTheSummaryAndItsDryRunDoesNot() {
        ObjectNode document = FlowConfigJson.MAPPER.createObjectNode();
        document.putArray("flowConfigs").add(withAlwaysClosed("main-queue")).add(withAlwaysClosed("sales-emea"));

        APIGatewayProxyResponseEvent dryRun = api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .query("dryRun", "true").json(document.toString()).claims(ApiFixture.admin()).build());
        assertEquals(200, dryRun.getStatusCode(), dryRun.getBody());
        assertEquals(null, summaryOf("sales-emea"));

        APIGatewayProxyResponseEvent imported = api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .json(document.toString()).claims(ApiFixture.admin()).build());
        assertEquals(200, imported.getStatusCode(), imported.getBody());
        assertTrue(listed("main-queue").get("closed").asBoolean());
        assertEquals("[\"always\"]", listed("sales-emea").get("activeSchedules").toString());
    }

    @Test
    void theEmergencySwitchShowsUntilWhenAndEndingItClearsIt() {
        Instant until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        APIGatewayProxyResponseEvent on = api.invoke(new ApiFixture.Request("POST", "/flow-configs/emergency")
                .json(Map.of("ids", List.of("main-queue"), "set", Map.of("variables", Map.of("Closure", "true")),
                        "until", until.toString())).claims(ApiFixture.admin()).build());
        assertEquals(1, body(on).path("counts").path("changed").asInt(), on.getBody());

        assertEquals("{\"emergency\":{\"until\":\"" + until + "\"},\"hasSchedules\":true,\"scheduleCount\":1,"
                + "\"activeSchedules\":[\"emergency\"],\"closed\":true}", listed("main-queue").toString());

        APIGatewayProxyResponseEvent off = api.invoke(new ApiFixture.Request("DELETE", "/flow-configs/emergency")
                .query("ids", "main-queue").claims(ApiFixture.admin()).build());
        assertEquals(1, body(off).path("counts").path("changed").asInt(), off.getBody());
        assertEquals("{\"emergency\":null,\"hasSchedules\":false,\"scheduleCount\":0,\"activeSchedules\":[],"
                + "\"closed\":false}", listed("main-queue").toString());
    }

    @Test
    void theListReadsOnlyTheStatusIndexAndNoItem() {
        api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"")
                .json(withAlwaysClosed("main-queue").toString()).claims(ApiFixture.admin()).build());
        List<String> operations = new ArrayList<>();
        FlowConfigHandler watched = api.handlerOver(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(context.request() instanceof QueryRequest query
                        ? "Query " + query.indexName() : context.request().getClass().getSimpleName());
            }
        });
        APIGatewayProxyResponseEvent list = ApiFixture.invoke(watched, new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).build());

        assertEquals(200, list.getStatusCode(), list.getBody());
        assertEquals(3, body(list).get("items").size());
        assertEquals(List.of("Query catalog-status"), operations);
    }

    /** Right after the index is added to an existing table DynamoDB refuses to read it while it builds it. */
    @Test
    void whileTheStatusIndexIsBeingBuiltTheListIsServedWithoutStatus() {
        api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"")
                .json(withAlwaysClosed("main-queue").toString()).claims(ApiFixture.admin()).build());
        FlowConfigHandler building = api.handlerOver(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query && "catalog-status".equals(query.indexName())) {
                    throw AwsServiceException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ValidationException").errorMessage("Cannot read from backfilling global "
                                    + "secondary index: catalog-status").build()).build();
                }
            }
        });
        APIGatewayProxyResponseEvent list = ApiFixture.invoke(building, new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).build());

        assertEquals(200, list.getStatusCode(), list.getBody());
        assertEquals(List.of("+18005550100", "main-queue", "sales-emea"),
                body(list).get("items").findValuesAsText("id"));
        body(list).get("items").forEach(item -> assertTrue(item.get("status").isNull(), item.toString()));
    }

    @Test
    void aSummaryStaysSmallWhateverTheConfigHolds() {
        FlowConfig stored = api.stored("main-queue");
        List<ScheduleWhen.ScheduledDate> dates = new ArrayList<>();
        for (int day = 0; day < Schedule.MAX_DATES; day++) {
            dates.add(new ScheduleWhen.ScheduledDate(java.time.LocalDate.now().plusDays(day + 1), null, null));
        }
        List<Schedule> schedules = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            schedules.add(new Schedule("holidays_" + s, null, "UTC", new ScheduleWhen.Dates(dates),
                    Map.of("Closure", "true"), Map.of()));
        }
        ObjectNode config = FlowConfigJson.toJson(stored.withSchedules(schedules));
        APIGatewayProxyResponseEvent put = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("main-queue").header("If-Match", "\"1\"").json(config.toString()).claims(ApiFixture.admin())
                .build());
        assertEquals(200, put.getStatusCode(), put.getBody());

        String summary = summaryOf("main-queue");
        assertTrue(summary.length() <= ListStatus.MAX_BYTES, summary.length() + " characters");
        assertEquals(20, listed("main-queue").get("scheduleCount").asInt());
    }

    @Test
    void aScheduleOnACalendarFollowsTheCalendarAsItIsNowWithoutAConfigWrite() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"));
        String around = "{\"entries\": [" + fixed("yesterday", today.minusDays(1)) + ", " + fixed("today", today)
                + ", " + fixed("tomorrow", today.plusDays(1)) + "]}";
        assertEquals(201, CalendarApiIT.putCalendar("closures", around, null).getStatusCode());
        assertEquals(200, CalendarApiIT.closeOn("sales-emea", "{\"calendar\": \"closures\"}").getStatusCode());
        assertEquals(List.of("holiday"), names(listed("sales-emea").get("activeSchedules")));
        assertTrue(listed("sales-emea").get("closed").asBoolean());

        // The calendar moves a year on; the config is not written again, and the list reads the calendar as it is.
        String nextYear = "{\"entries\": [" + fixed("yesterday", today.minusDays(1).plusYears(1)) + ", "
                + fixed("today", today.plusYears(1)) + ", " + fixed("tomorrow", today.plusDays(1).plusYears(1)) + "]}";
        assertEquals(200, CalendarApiIT.putCalendar("closures", nextYear, "\"1\"").getStatusCode());
        assertEquals(List.of(), names(listed("sales-emea").get("activeSchedules")));
        assertFalse(listed("sales-emea").get("closed").asBoolean());
    }

    private static String fixed(String name, java.time.LocalDate date) {
        return "{\"name\": \"" + name + "\", \"kind\": \"fixed\", \"date\": \"" + date + "\"}";
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
