package dev.connectconfig.flowconfig;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.validation.FlowConfigValidator;
import java.util.Set;

/** Which ids name a flow config in this API: a valid id that is not one of the API's own route names. */
final class ConfigIds {

    /** Ids the API's own routes take: /flow-configs/export, /flow-configs/import and /flow-configs/emergency. */
    static final Set<String> ROUTE_IDS = Set.of("export", "import", "emergency");

    private ConfigIds() {
    }

    static boolean isConfigId(String id) {
        return FlowConfigValidator.isValidId(id) && !ROUTE_IDS.contains(id);
    }

    /** 400 INVALID_ID unless {@code id} can name a config. */
    static void check(String id) {
        if (!FlowConfigValidator.isValidId(id)) {
            throw ApiException.badRequest("INVALID_ID",
                    "A flow config id is 1-128 letters, digits and + _ - . : (and not . or ..).");
        }
        if (ROUTE_IDS.contains(id)) {
            throw ApiException.badRequest("INVALID_ID", "'" + id + "' is the name of an API route, not a config.");
        }
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No flow config has the id '" + id + "'.");
    }
}
