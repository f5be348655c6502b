package dev.connectconfig.getconfig;

import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.telemetry.EmbeddedMetrics;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.model.VariableType;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.calendar.CalendarEntry;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.calendar.HolidayRule;
import dev.connectconfig.core.calendar.Observed;
import dev.connectconfig.core.store.CalendarItems;
import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.core.store.FlowConfigItems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs GetConfig's call path before a SnapStart snapshot, so a restored container's first call runs it loaded,
 * initialised and compiled: one real DynamoDB read (credentials, connection, HTTP), then the whole call path many
 * times over a loopback DynamoDB answer ({@link PrimingEndpoint}): reading the event, the SDK's marshalling,
 * signing and unmarshalling, mapping the item, rendering every channel, writing the answer, the log lines and the
 * metrics (to nowhere).
 */
final class Priming {

    static final String PRIMING_ID = "__snapstart_priming__";
    /** In-memory calls per channel: enough for C1, the only JIT tier deployed, to compile what they run. */
    static final int ROUNDS = 300;

    private Priming() {
    }

    /**
     * Every shape a stored config has: variables with a schema (select options are a list), prompts with and without
     * chat text in several languages, and schedules of each kind in time zones (the first restored call of a
     * scheduled config then loads no zone rules), one of them active at any time.
     */
    static FlowConfig sample() {
        Map<String, Map<String, PromptText>> prompts = Map.of("Welcome", Map.of(
                        "en-US", new PromptText("<speak>Hello<break time=\"1s\"/>there</speak>", "Hello there"),
                        "es-US", PromptText.voice("<speak>Hola &amp; bienvenidos</speak>")),
                "Hold", Map.of("es-MX", PromptText.voice("Espere")));
        List<Schedule> schedules = List.of(
                new Schedule("holiday", "closed", "Europe/London", new ScheduleWhen.Dates(List.of(
                        new ScheduleWhen.ScheduledDate(LocalDate.of(2026, 12, 25), null, null),
                        new ScheduleWhen.ScheduledDate(LocalDate.of(2026, 12, 24), LocalTime.of(17, 0), LocalTime.of(8, 0)))),
                        Map.of("Open", "false"), Map.of()),
                new Schedule("window", "once", null, new ScheduleWhen.Window(LocalDateTime.of(2026, 1, 1, 8, 0),
                        LocalDateTime.of(2026, 1, 2, 8, 0)), Map.of("Mode", "holiday"), Map.of()),
                new Schedule("always", "every day", null, new ScheduleWhen.Weekly(EnumSet.allOf(DayOfWeek.class),
                        LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), Map.of(), Map.of("Welcome", Map.of("en-US",
                        new PromptText(null, "Hi there")))));
        return new FlowConfig(PRIMING_ID, "priming", Map.of("Open", "true", "Mode", "normal"), Map.of(
                "Open", VariableDefinition.of(VariableType.BOOLEAN),
                "Mode", new VariableDefinition(VariableType.SELECT, List.of("normal", "holiday"))),
                prompts, "en-US", 1, "2026-01-01T00:00:00Z", "priming", "America/New_York", schedules);
    }

    static void prime(GetConfigService service) {
        try {
            service.answer(new ConfigRequest(PRIMING_ID, "en-US", Channel.VOICE));
        } catch (RuntimeException ignored) {
            // priming is best effort: a snapshot without it is slower, not wrong
        }
        FlowConfig sample = sample();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try (PrimingEndpoint endpoint = new PrimingEndpoint(FlowConfigItems.toItem(sample));
                DynamoDbClient loopback = loopback(endpoint)) {
            GetConfigHandler twin = twin(loopback, nowhere);
            for (int round = 0; round < ROUNDS; round++) {
                for (Channel channel : Channel.values()) {
                    twin.handleRequest(new ByteArrayInputStream(event(channel)), OutputStream.nullOutputStream(),
                            null);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort, as above
        }
        primeCalendars(nowhere);
    }

    /** A config on a calendar, read with its calendar in one BatchGetItem: GetConfig's path for such configs. */
    private static void primeCalendars(PrintStream nowhere) {
        HolidayCalendar calendar = new HolidayCalendar("priming", null, List.of(
                new CalendarEntry("Christmas Day", new HolidayRule.Yearly(MonthDay.of(12, 25)), null, null,
                        Observed.NEAREST_WEEKDAY),
                new CalendarEntry("Thanksgiving", new HolidayRule.NthWeekday(Month.NOVEMBER, DayOfWeek.THURSDAY, 4),
                        LocalTime.of(12, 0), LocalTime.of(18, 0), Observed.NONE),
                new CalendarEntry("Good Friday", new HolidayRule.EasterRelative(-2, false), null, null,
                        Observed.NONE)), 1, "2026-01-01T00:00:00Z", "priming");
        FlowConfig sample = sample();
        List<Schedule> schedules = new java.util.ArrayList<>(sample.schedules());
        schedules.add(0, new Schedule("holidays", null, null, new ScheduleWhen.OnCalendar("priming", List.of(), null),
                Map.of("Open", "false"), Map.of()));
        try (PrimingEndpoint endpoint = new PrimingEndpoint(FlowConfigItems.toItem(sample.withSchedules(schedules)),
                List.of(CalendarItems.toItem(calendar)), "priming");
                DynamoDbClient loopback = loopback(endpoint)) {
            GetConfigHandler twin = twin(loopback, nowhere);
            for (int round = 0; round < ROUNDS / 3; round++) {
                twin.handleRequest(new ByteArrayInputStream(event(Channel.VOICE)), OutputStream.nullOutputStream(),
                        null);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort, as above
        }
    }

    /** A client configured as the live one is (timeouts, retries), with credentials the endpoint ignores. */
    private static DynamoDbClient loopback(PrimingEndpoint endpoint) {
        return AwsClients.configure(DynamoDbClient.builder(), GetConfigService.DYNAMODB_TIMEOUTS, endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming",
                        "priming")))
                .build();
    }

    /** A handler as the live one is, on {@code loopback}, logging and counting nowhere. */
    private static GetConfigHandler twin(DynamoDbClient loopback, PrintStream nowhere) {
        return new GetConfigHandler(new GetConfigService(new DynamoDbFlowConfigStore(loopback, "priming"),
                Duration.ZERO), new CallTelemetry(new StructuredLog("priming", StructuredLog.Level.INFO,
                () -> nowhere), new EmbeddedMetrics("priming", "priming", () -> nowhere)));
    }

    private static byte[] event(Channel channel) {
        return ("{\"Details\":{\"ContactData\":{\"Attributes\":{},\"Channel\":\"" + channel.name()
                + "\",\"LanguageCode\":\"es_MX\"},\"Parameters\":{\"id\":\"" + PRIMING_ID + "\"}},"
                + "\"Name\":\"ContactFlowEvent\"}").getBytes(StandardCharsets.UTF_8);
    }
}
