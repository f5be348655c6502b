package dev.connectconfig.flowconfig;

import dev.connectconfig.api.PrimingRequest;
import java.util.Map;

/** Runs the FlowConfig API's read path once before a SnapStart snapshot: a GET of a config no one has. */
final class Priming {

    private Priming() {
    }

    /** The status the priming request got, or -1 when its call path threw (the snapshot is taken either way). */
    static int prime(FlowConfigHandler handler) {
        return PrimingRequest.prime(handler::respond, PrimingRequest.of("GET", "/flow-configs/{id}",
                "/flow-configs/" + PrimingRequest.CONFIG_ID, Map.of("id", PrimingRequest.CONFIG_ID), null));
    }
}
