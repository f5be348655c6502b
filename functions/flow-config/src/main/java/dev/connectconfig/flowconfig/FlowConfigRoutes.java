package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.ApiCall;
import dev.connectconfig.api.ApiRoutes;
import dev.connectconfig.api.errors.ApiException;

/**
 * The API's routes, keyed as API Gateway names the matched resource ({@code PUT /flow-configs/{id}}), each calling
 * one of the parts {@link FlowConfigFactory} built. The caller, body limits, logging and errors are the
 * {@code ApiFunction}'s.
 */
final class FlowConfigRoutes {

    /** Bodies: one config stays under DynamoDB's 400 KB item; an import is bounded by Lambda's 6 MB request. */
    static final int MAX_CONFIG_BODY_BYTES = 400 * 1024;
    static final int MAX_IMPORT_BODY_BYTES = 5 * 1024 * 1024;
    /** Metrics of the emergency switch, for the dashboard: see {@link #switched}. */
    static final String EMERGENCY_SWITCHES = "EmergencySwitches";
    static final String EMERGENCY_SWITCH_CONFIGS = "EmergencySwitchConfigs";

    private FlowConfigRoutes() {
    }

    static ApiRoutes of(FlowConfigApi api) {
        return of(api, WriteRegion.PRIMARY);
    }

    /**
     * The routes, the writes among them refused in a read-only replica region ({@link WriteRegion}): decided here,
     * once per route, before the route reads anything. A dry run writes nothing and is served everywhere.
     */
    static ApiRoutes of(FlowConfigApi api, WriteRegion region) {
        FlowConfigService service = api.service();
        ConfigCatalog catalog = api.catalog();
        ConfigTransfer transfer = api.transfer();
        ConfigPreview preview = api.preview();
        EmergencySwitch emergency = api.emergency();
        ScheduleTimeline timeline = api.timeline();
        CalendarService calendars = api.calendars();
        return new ApiRoutes()
                .add("GET /flow-configs", call -> catalog.list(call.caller(), call.query("prefix"),
                        call.query("limit"), call.query("nextToken")))
                .add("GET /flow-configs/export", call -> transfer.export(call.caller(), call.query("prefix")))
                .add("POST /flow-configs/import", unlessDryRun(region, call -> transfer.importAll(call.caller(),
                        call.body(MAX_IMPORT_BODY_BYTES), dryRun(call.query("dryRun")))))
                .add("GET /flow-configs/emergency", call -> emergency.list(call.caller(), call.query("limit"),
                        call.query("nextToken")))
                .add("POST /flow-configs/emergency", unlessDryRun(region, call -> switched(call, emergency.start(
                        call.caller(), call.body(MAX_CONFIG_BODY_BYTES), dryRun(call.query("dryRun"))))))
                .add("DELETE /flow-configs/emergency", unlessDryRun(region, call -> switched(call, emergency.end(
                        call.caller(), call.query("ids"), call.query("prefix"), dryRun(call.query("dryRun"))))))
                .add("GET /flow-configs/{id}", call -> service.get(call.caller(), call.path("id")))
                .add("PUT /flow-configs/{id}", write(region, call -> service.put(call.caller(), call.path("id"),
                        call.body(MAX_CONFIG_BODY_BYTES), call.header("If-Match"), call.header("If-None-Match"))))
                .add("DELETE /flow-configs/{id}", write(region, call -> service.delete(call.caller(),
                        call.path("id"), call.header("If-Match"))))
                .add("GET /flow-configs/{id}/versions", call -> service.versions(call.caller(), call.path("id"),
                        call.query("limit"), call.query("nextToken")))
                .add("GET /flow-configs/{id}/versions/{n}", call -> service.version(call.caller(), call.path("id"),
                        call.path("n")))
                .add("POST /flow-configs/{id}/versions/{n}/restore", write(region, call -> service.restore(
                        call.caller(), call.path("id"), call.path("n"), call.header("If-Match"),
                        call.header("If-None-Match"))))
                .add("POST /flow-configs/{id}/preview", call -> preview.preview(call.caller(), call.path("id"),
                        call.body(MAX_CONFIG_BODY_BYTES)))
                .add("GET /flow-configs/{id}/timeline", call -> timeline.timeline(call.caller(), call.path("id"),
                        call.query("from"), call.query("days")))
                .add("GET /calendars", call -> calendars.list(call.caller(), call.query("prefix"),
                        call.query("limit"), call.query("nextToken")))
                .add("GET /calendars/{id}", call -> calendars.get(call.caller(), call.path("id")))
                .add("PUT /calendars/{id}", write(region, call -> calendars.put(call.caller(), call.path("id"),
                        call.body(MAX_CONFIG_BODY_BYTES), call.header("If-Match"), call.header("If-None-Match"))))
                .add("DELETE /calendars/{id}", write(region, call -> calendars.delete(call.caller(), call.path("id"),
                        call.header("If-Match"))))
                .add("GET /calendars/{id}/dates", call -> calendars.dates(call.caller(), call.path("id"),
                        call.query("from"), call.query("to")))
                .add("GET /calendars/{id}/versions", call -> calendars.versions(call.caller(), call.path("id"),
                        call.query("limit"), call.query("nextToken")))
                .add("GET /calendars/{id}/versions/{n}", call -> calendars.version(call.caller(), call.path("id"),
                        call.path("n")))
                .add("POST /calendars/{id}/versions/{n}/restore", write(region, call -> calendars.restore(
                        call.caller(), call.path("id"), call.path("n"), call.header("If-Match"),
                        call.header("If-None-Match"))));
    }

    /**
     * Counts a switch that changed configs (not a dry run): {@code EmergencySwitches} 1 per request, on or off, and
     * {@code EmergencySwitchConfigs} the configs it changed.
     */
    private static ApiAnswer switched(ApiCall call, ApiAnswer.Json answer) {
        JsonNode report = answer.body();
        int changed = report.path("counts").path("changed").asInt();
        if (!report.path("dryRun").asBoolean() && changed > 0) {
            call.count(EMERGENCY_SWITCHES, 1);
            call.count(EMERGENCY_SWITCH_CONFIGS, changed);
        }
        return answer;
    }

    /** A route that changes configs or calendars: refused in a read-only region. */
    private static ApiRoutes.Route write(WriteRegion region, ApiRoutes.Route route) {
        return call -> {
            region.requireWritable();
            return route.handle(call);
        };
    }

    /** A route that changes configs unless asked for a dry run, which is served in every region. */
    private static ApiRoutes.Route unlessDryRun(WriteRegion region, ApiRoutes.Route route) {
        return call -> {
            if (!dryRun(call.query("dryRun"))) {
                region.requireWritable();
            }
            return route.handle(call);
        };
    }

    /**
     * {@code ?dryRun=true} plans an import or a switch without writing; only {@code true} and {@code false} are
     * understood.
     */
    private static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("INVALID_DRY_RUN", "dryRun is true or false.");
    }
}
