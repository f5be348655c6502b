package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.core.calendar.CalendarEntry;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.calendar.HolidayRule;
import dev.connectconfig.core.calendar.Observed;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.store.CalendarItems;
import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.ManualClock;
import dev.connectconfig.testing.TestContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;

/**
 * A config on a shared calendar served by the real handler over DynamoDB Local: the calendar resolved at call time,
 * read with the config in one BatchGetItem on a cache miss (once the container knows which calendars the config
 * names), without the calendar's usedBy, and a calendar change reaching the config on its next read.
 */
class GetConfigCalendarIT {

    private static DynamoDbLocal dynamoDb;
    private static final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private static final List<BatchGetItemRequest> batches = Collections.synchronizedList(new ArrayList<>());
    private static DynamoDbClient watched;

    @BeforeAll
    static void start() {
        dynamoDb = DynamoDbLocal.start();
        watched = DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient(AwsClients.Timeouts.BACKGROUND))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(dynamoDb.endpoint())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                        if (context.request() instanceof BatchGetItemRequest batch) {
                            batches.add(batch);
                        }
                    }
                }))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        watched.close();
        dynamoDb.close();
    }

    @BeforeEach
    void store() {
        calls.clear();
        batches.clear();
        putCalendar(List.of(new CalendarEntry("Thanksgiving", new HolidayRule.NthWeekday(Month.NOVEMBER,
                DayOfWeek.THURSDAY, 4), null, null, Observed.NONE)));
        dynamoDb.put(new FlowConfig("queue", "q", Map.of("Open", "true"), Map.of(), Map.of(), "en-US", 1, null, null,
                "America/New_York", List.of(new Schedule("holidays", null, null,
                        new ScheduleWhen.OnCalendar("us-holidays", List.of(), null), Map.of("Open", "false"),
                        Map.of()))));
    }

    private static void putCalendar(List<CalendarEntry> entries) {
        HolidayCalendar calendar = new HolidayCalendar("us-holidays", null, entries, 1, "t", "seed");
        dynamoDb.client().putItem(b -> b.tableName(DynamoDbLocal.FLOW_CONFIG_TABLE)
                .item(CalendarItems.toCurrentItem(calendar, Set.of("queue"), 1)));
    }

    private static Map<String, String> invoke(GetConfigHandler handler) {
        Map<String, Object> event = RepoFiles.eventMap("events/get-config/scheduled.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) event.get("Details");
        details.put("Parameters", Map.of("id", "queue"));
        return handler.handleRequest(event, new TestContext("GetConfig"));
    }

    /** Every call a cache miss (TTL zero), so each one reads. */
    private static GetConfigHandler handler(ManualClock clock) {
        return new GetConfigHandler(new GetConfigService(new DynamoDbFlowConfigStore(watched,
                DynamoDbLocal.FLOW_CONFIG_TABLE), Duration.ZERO, clock));
    }

    @Test
    void theCalendarClosesTheConfigOnItsDaysAndNamesTheEntry() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T15:00:00Z")); // Thanksgiving, 10:00 New York
        Map<String, String> thanksgiving = invoke(handler(clock));
        assertNull(thanksgiving.get("error"), thanksgiving.toString());
        assertEquals("false", thanksgiving.get("Open"));
        assertEquals("holidays", thanksgiving.get("activeSchedules"));
        assertEquals("Thanksgiving", thanksgiving.get("calendarEntries"));

        clock.set("2026-11-27T15:00:00Z");
        Map<String, String> friday = invoke(handler(clock));
        assertEquals("true", friday.get("Open"));
        assertEquals("", friday.get("calendarEntries"));
    }

    @Test
    void aMissReadsTheConfigAndItsCalendarInOneRoundTripOnceTheContainerKnowsThem() {
        GetConfigHandler handler = handler(new ManualClock(Instant.parse("2026-11-26T15:00:00Z")));
        invoke(handler);
        // The first read in a container cannot know the calendars: the config, then its calendars.
        assertEquals(List.of("GetItem", "BatchGetItem"), calls);
        calls.clear();
        batches.clear();

        Map<String, String> again = invoke(handler);

        assertEquals(List.of("BatchGetItem"), calls);
        assertEquals("Thanksgiving", again.get("calendarEntries"));
        var keys = batches.get(0).requestItems().get(DynamoDbLocal.FLOW_CONFIG_TABLE);
        assertEquals(List.of("queue", "calendar#us-holidays"), keys.keys().stream().map(k -> k.get("id").s())
                .toList());
        // Only what a config or a calendar is served from: never a calendar's list of users.
        assertEquals(false, keys.expressionAttributeNames().containsValue(CalendarItems.USED_BY));
    }

    @Test
    void aCalendarChangeReachesTheConfigOnItsNextRead() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-25T15:00:00Z")); // Christmas Day
        GetConfigHandler handler = handler(clock);
        assertEquals("true", invoke(handler).get("Open"));

        putCalendar(List.of(new CalendarEntry("Christmas Day", new HolidayRule.Yearly(MonthDay.of(12, 25)), null,
                null, Observed.NEAREST_WEEKDAY)));

        Map<String, String> after = invoke(handler);
        assertEquals("false", after.get("Open"));
        assertEquals("Christmas Day", after.get("calendarEntries"));
    }
}
