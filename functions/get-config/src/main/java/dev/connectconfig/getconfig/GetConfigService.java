package dev.connectconfig.getconfig;

import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.Env;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.RenderedConfig;
import dev.connectconfig.core.render.ResultKeys;
import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.core.store.FlowConfigStore;
import dev.connectconfig.core.store.StoreUnavailableException;
import dev.connectconfig.core.validation.FlowConfigValidator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Answers one contact's request for its flow config. Never throws for a caller's mistake or a store outage: Connect
 * would retry a function error up to three times inside its 8 s budget, so every failure is an {@code error} key the
 * flow can branch on at once.
 */
final class GetConfigService {

    static final String TABLE_VARIABLE = "FLOW_CONFIG_TABLE";
    static final String TTL_VARIABLE = "CACHE_TTL_SECONDS";
    static final long DEFAULT_TTL_SECONDS = 45;

    /**
     * A live call waits on DynamoDB for at most 2.5 s in all (1 s per attempt, 3 attempts), so GetConfig answers
     * within 3 s even when DynamoDB hangs, far inside Connect's 8 s.
     */
    static final AwsClients.Timeouts DYNAMODB_TIMEOUTS = new AwsClients.Timeouts(
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), 3);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

    /** What happened, for logs and metrics. */
    record Outcome(Map<String, String> result, FlowConfigCache.Source source, RenderedConfig rendered) {
    }

    private final FlowConfigStore store;
    private final FlowConfigCache cache;
    /** The time schedules are judged at: each call's own, so a window starts on the minute whatever the cache TTL. */
    private final Clock clock;

    GetConfigService(FlowConfigStore store, Duration ttl) {
        this(store, ttl, Clock.systemUTC());
    }

    GetConfigService(FlowConfigStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.cache = new FlowConfigCache(store, ttl, FAILURE_BACKOFF, System::nanoTime);
        this.clock = clock;
    }

    /** The store behind the cache, for priming its client before a snapshot. */
    FlowConfigStore store() {
        return store;
    }

    /** The configuration the template sets: the table name and the cache TTL. */
    static GetConfigService fromEnvironment() {
        return create(null, Env.required(TABLE_VARIABLE), Env.seconds(TTL_VARIABLE, DEFAULT_TTL_SECONDS));
    }

    /** A service over DynamoDB at {@code endpoint} (null for AWS) with the live-call timeouts. */
    static GetConfigService create(URI endpoint, String table, Duration ttl) {
        return create(endpoint, table, ttl, Clock.systemUTC());
    }

    static GetConfigService create(URI endpoint, String table, Duration ttl, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), DYNAMODB_TIMEOUTS, endpoint);
        return new GetConfigService(new DynamoDbFlowConfigStore(dynamoDb, table), ttl, clock);
    }

    /** The answer to an event that is not a JSON object: nothing to read an id from. */
    static Outcome invalidRequest() {
        return error(ResultKeys.INVALID_REQUEST, "The event must be a JSON object, such as the one an Amazon Connect"
                + " flow sends, with the parameter 'id'.", null);
    }

    Outcome answer(ConfigRequest request) {
        if (request.id() == null) {
            return error(ResultKeys.MISSING_ID, "Set the parameter 'id' in the Invoke AWS Lambda function block.",
                    null);
        }
        if (!FlowConfigValidator.isValidId(request.id())) {
            return error(ResultKeys.NOT_FOUND, "'" + abbreviate(request.id()) + "' is not a valid flow config id.",
                    null);
        }
        FlowConfigCache.Lookup lookup;
        try {
            lookup = cache.get(request.id());
        } catch (StoreUnavailableException e) {
            return error(ResultKeys.UNAVAILABLE, "The flow config store is unavailable; use the flow's defaults.",
                    null);
        }
        Optional<FlowConfig> config = lookup.config();
        if (config.isEmpty()) {
            return error(ResultKeys.NOT_FOUND, "No flow config has the id '" + request.id() + "'.", lookup.source());
        }
        RenderedConfig rendered = FlowConfigRenderer.render(config.get(), request.language(), request.channel(),
                clock.instant());
        if (!rendered.fitsConnectLimit()) {
            return new Outcome(errorMap(ResultKeys.RESULT_TOO_LARGE, rendered.tooLargeMessage()), lookup.source(),
                    rendered);
        }
        Map<String, String> result = rendered.values();
        if (lookup.source() == FlowConfigCache.Source.STALE) {
            result = new LinkedHashMap<>(result);
            result.put(ResultKeys.STALE, "true");
        }
        return new Outcome(result, lookup.source(), rendered);
    }

    private static Outcome error(String code, String message, FlowConfigCache.Source source) {
        return new Outcome(errorMap(code, message), source, null);
    }

    private static Map<String, String> errorMap(String code, String message) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put(ResultKeys.ERROR, code);
        result.put(ResultKeys.ERROR_MESSAGE, message);
        return result;
    }

    private static String abbreviate(String id) {
        String printable = id.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
