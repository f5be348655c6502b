package dev.connectconfig.getconfig;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda function an Amazon Connect flow's Invoke AWS Lambda function block calls: a flat string map back. A
 * stream handler, so the runtime hands it the event's bytes instead of loading its POJO serialization.
 */
public final class GetConfigHandler implements RequestStreamHandler, Resource {

    private final GetConfigService service;
    private final CallTelemetry telemetry;

    /** Lambda's entry point: clients are built once per container, and primed before a SnapStart snapshot. */
    public GetConfigHandler() {
        this(GetConfigService.fromEnvironment(), CallTelemetry.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    GetConfigHandler(GetConfigService service) {
        this(service, CallTelemetry.fromEnvironment());
    }

    GetConfigHandler(GetConfigService service, CallTelemetry telemetry) {
        this.service = service;
        this.telemetry = telemetry;
    }

    /** What the runtime calls: the event as Lambda sends it; anything but a JSON object is INVALID_REQUEST. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = InvocationJson.readObject(input);
        InvocationJson.writeObject(answer(event == null ? null : ConfigRequest.from(event), context), output);
    }

    /** The same answer for a caller holding the event as a map (a null event has no id). */
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        return answer(ConfigRequest.from(event), context);
    }

    /** @param request null when the event was not a JSON object */
    private Map<String, String> answer(ConfigRequest request, Context context) {
        StructuredLog.Invocation invocation = telemetry.begin(context);
        ConfigRequest served = request == null ? ConfigRequest.INVALID : request;
        GetConfigService.Outcome outcome = request == null ? GetConfigService.invalidRequest()
                : service.answer(request);
        try {
            telemetry.record(invocation, served, outcome);
        } catch (RuntimeException e) {
            // Telemetry must never cost a caller their answer.
            telemetry.failed(invocation, "could not record the call", e);
        }
        return outcome.result();
    }

    /** SnapStart: load and initialise the whole call path before the snapshot, so a restored call runs it warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(service);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the cache is empty before the snapshot and clients reconnect on their own
    }
}
