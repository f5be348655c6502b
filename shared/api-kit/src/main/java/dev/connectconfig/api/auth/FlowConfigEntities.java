package dev.connectconfig.api.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The Cedar model of the policy store: {@code ConnectConfig::User} principals and {@code ConnectConfig::FlowConfig} resources. */
public final class FlowConfigEntities {

    public static final String NAMESPACE = "ConnectConfig";
    public static final String USER = NAMESPACE + "::User";
    public static final String FLOW_CONFIG = NAMESPACE + "::FlowConfig";
    public static final String CALENDAR = NAMESPACE + "::Calendar";
    public static final String ACTION = NAMESPACE + "::Action";

    private FlowConfigEntities() {
    }

    public static CedarEntity principal(Caller caller) {
        Map<String, Set<String>> attributes = new LinkedHashMap<>();
        attributes.put("readScopes", caller.readScopes());
        attributes.put("editScopes", caller.editScopes());
        attributes.put("fullScopes", caller.fullScopes());
        return new CedarEntity(USER, caller.subject(), attributes);
    }

    /** A calendar is scoped by its id as a config is: Full on {@code sales-*} changes calendar {@code sales-holidays}. */
    public static CedarEntity calendar(String id) {
        return new CedarEntity(CALENDAR, id, Map.of("scopes", Scopes.keysOf(id)));
    }

    public static CedarEntity flowConfig(String id) {
        return new CedarEntity(FLOW_CONFIG, id, Map.of("scopes", Scopes.keysOf(id)));
    }
}
