package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every access level × every API action × every kind of scope, through the real handler and the real Cedar engine
 * running the policy store's files. The expected verdict is written out here from the rules, independently
 * of the policies, so a wrong policy fails a row.
 */
class AuthorizationMatrixIT extends ApiIntegrationTest {

    enum Level { FULL, EDIT, READ }

    /**
     * How the caller's scope names the target config {@code sales-emea} (or {@code sales-new} for create); the
     * {@code IDP_} kinds are the company identity provider's groups in {@code custom:fc_groups}, as Cognito maps them.
     */
    enum Scope { EXACT, PREFIX, OTHER, STAR, GROUP, IDP_GROUP, IDP_OTHER }

    enum Operation {
        GET(true, false), LIST(true, false), HISTORY(true, false), PREVIEW(true, false), EXPORT(true, false),
        UPDATE_VALUES(false, true), UPDATE_STRUCTURE(false, false), CREATE(false, false), DELETE(false, false),
        RESTORE(false, false), TIMELINE(true, false), SCHEDULES(false, true), EMERGENCY_ON(false, true),
        EMERGENCY_OFF(false, true);

        final boolean readOnly;
        final boolean valuesOnly;

        Operation(boolean readOnly, boolean valuesOnly) {
            this.readOnly = readOnly;
            this.valuesOnly = valuesOnly;
        }

        boolean allowedAt(Level level) {
            return readOnly || level == Level.FULL || (valuesOnly && level == Level.EDIT);
        }
    }


    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Level level : Level.values()) {
            for (Operation operation : Operation.values()) {
                for (Scope scope : Scope.values()) {
                    rows.add(Arguments.of(level, operation, scope));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} with {2} scope")
    @MethodSource("matrix")
    void eachLevelMayDoExactlyWhatItsScopeAndLevelAllow(Level level, Operation operation, Scope scope) {
        api.reset();
        // version 2 of sales-emea, so version 1 is in the history to restore
        FlowConfig emea = api.stored("sales-emea");
        FlowConfig second = emea.withBookkeeping(2, "2026-01-02T00:00:00Z", "seed");
        if (operation == Operation.EMERGENCY_OFF) {
            second = second.withSchedules(List.of(new Schedule("emergency", null, "UTC", new ScheduleWhen.Window(
                    LocalDateTime.of(2026, 1, 2, 0, 0), null), Map.of("Closure", "true"), Map.of())));
        }
        api.repository.commit(List.of(new FlowConfigRepository.Change(emea, second, "updated",
                "2026-01-02T00:00:00Z", "seed")));
        String target = operation == Operation.CREATE ? "sales-new" : "sales-emea";
        var before = api.snapshot();

        APIGatewayProxyResponseEvent response = api.invoke(request(operation, target, claims(level, scope, target,
                "support-*,sales-emea-old,sales-new2")));

        boolean expected = scope != Scope.OTHER && scope != Scope.IDP_OTHER && operation.allowedAt(level);
        int status = response.getStatusCode();
        if (operation == Operation.LIST || operation == Operation.EXPORT) {
            assertEquals(200, status, response.getBody());
            String items = operation == Operation.LIST ? "items" : "flowConfigs";
            boolean listed = body(response).get(items).findValuesAsText("id").contains(target);
            assertEquals(expected, listed, response.getBody());
        } else if (operation == Operation.EMERGENCY_ON || operation == Operation.EMERGENCY_OFF) {
            // The switch answers 200 with what it changed and what it refused, config by config.
            assertEquals(200, status, response.getBody());
            boolean changed = body(response).get("changed").findValuesAsText("id").contains(target);
            assertEquals(expected, changed, response.getBody());
            if (!expected) {
                assertEquals(before, api.snapshot(), "a refused switch wrote something");
            }
        } else if (expected) {
            assertTrue(status >= 200 && status < 300, status + " " + response.getBody());
        } else {
            assertEquals(403, status, response.getBody());
            assertEquals(before, api.snapshot(), "a refused request wrote something");
        }
    }

    /**
     * A caller at {@code level} whose scope names {@code target} as {@code scope} says; {@link Scope#OTHER} names
     * {@code otherScopes}, ids and prefixes near the target that must not match it. Shared with the calendar matrix.
     */
    static Map<String, Object> claims(Level level, Scope scope, String target, String otherScopes) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "user-" + level + "-" + scope);
        claims.put("cognito:username", "user");
        if (scope == Scope.IDP_GROUP || scope == Scope.IDP_OTHER) {
            String group = switch (level) {
                case FULL -> "FlowConfigAdmins";
                case EDIT -> "FlowConfigEditors";
                case READ -> "FlowConfigReaders";
            };
            claims.put("cognito:username", "CorpIdP_user@example.com");
            claims.put("cognito:groups", "us-east-1_Example1_CorpIdP");
            claims.put("custom:fc_groups", scope == Scope.IDP_GROUP ? "[Sales-Team, " + group + "-sales]"
                    : "[" + group + "-billing, " + group + "X-sales, x" + group + "-sales, " + group
                            + "-sales-emea-old]");
            return claims;
        }
        if (scope == Scope.GROUP) {
            claims.put("cognito:groups", switch (level) {
                case FULL -> "FlowConfigAdmin";
                case EDIT -> "FlowConfigEdit";
                case READ -> "FlowConfigRead";
            });
            return claims;
        }
        String value = switch (scope) {
            case EXACT -> target;
            case PREFIX -> "sales-*";
            case OTHER -> otherScopes;
            default -> "*";
        };
        claims.put(switch (level) {
            case FULL -> "custom:fc_full";
            case EDIT -> "custom:fc_edit";
            case READ -> "custom:fc_read";
        }, value);
        return claims;
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent request(
            Operation operation, String id, Map<String, Object> claims) {
        FlowConfig stored = api.stored("sales-emea");
        ObjectNode config = FlowConfigJson.toJson(stored);
        return switch (operation) {
            case GET -> new ApiFixture.Request("GET", "/flow-configs/{id}").id(id).claims(claims).build();
            case LIST -> new ApiFixture.Request("GET", "/flow-configs").claims(claims).build();
            case EXPORT -> new ApiFixture.Request("GET", "/flow-configs/export").claims(claims).build();
            case HISTORY -> new ApiFixture.Request("GET", "/flow-configs/{id}/versions").id(id).claims(claims)
                    .build();
            case PREVIEW -> new ApiFixture.Request("POST", "/flow-configs/{id}/preview").id(id).claims(claims)
                    .json(Map.of("channel", "chat")).build();
            case UPDATE_VALUES -> {
                ((ObjectNode) config.get("variables")).put("Closure", "true");
                yield put(id, config, claims).header("If-Match", "\"2\"").build();
            }
            case UPDATE_STRUCTURE -> {
                config.put("description", "Sales EMEA, reorganised");
                yield put(id, config, claims).header("If-Match", "\"2\"").build();
            }
            case CREATE -> {
                config.put("id", id);
                yield put(id, config, claims).header("If-None-Match", "*").build();
            }
            case DELETE -> new ApiFixture.Request("DELETE", "/flow-configs/{id}").id(id)
                    .header("If-Match", "\"2\"").claims(claims).build();
            case RESTORE -> new ApiFixture.Request("POST", "/flow-configs/{id}/versions/{n}/restore").id(id)
                    .path("n", "1").header("If-Match", "\"2\"").claims(claims).build();
            case TIMELINE -> new ApiFixture.Request("GET", "/flow-configs/{id}/timeline").id(id).claims(claims)
                    .build();
            case SCHEDULES -> {
                config.putArray("schedules").addObject().put("name", "holiday")
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("when", FlowConfigJson.MAPPER
                                .createObjectNode().set("dates", FlowConfigJson.MAPPER.createArrayNode()
                                        .add("2026-12-25")))
                        .putObject("set").putObject("variables").put("Closure", "true");
                config.put("timeZone", "Europe/London");
                yield put(id, config, claims).header("If-Match", "\"2\"").build();
            }
            case EMERGENCY_ON -> new ApiFixture.Request("POST", "/flow-configs/emergency").claims(claims)
                    .json(Map.of("ids", List.of(id), "set", Map.of("variables", Map.of("Closure", "true"))))
                    .build();
            case EMERGENCY_OFF -> new ApiFixture.Request("DELETE", "/flow-configs/emergency").claims(claims)
                    .query("ids", id).build();
        };
    }

    private static ApiFixture.Request put(String id, ObjectNode config, Map<String, Object> claims) {
        return new ApiFixture.Request("PUT", "/flow-configs/{id}").id(id).claims(claims).json(config);
    }
}
