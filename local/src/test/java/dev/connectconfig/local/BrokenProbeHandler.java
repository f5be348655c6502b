package dev.connectconfig.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A function whose constructor fails, as one missing its configuration does: Lambda reports an init error. */
public final class BrokenProbeHandler implements RequestHandler<Map<String, Object>, String> {

    public BrokenProbeHandler() {
        throw new IllegalStateException("Environment variable FLOW_CONFIG_TABLE is not set");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "unreachable";
    }
}
