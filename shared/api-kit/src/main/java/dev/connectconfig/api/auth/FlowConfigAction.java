package dev.connectconfig.api.auth;

/**
 * What a caller does to a flow config, as the Cedar actions of the policy store name them. Full holds every action,
 * Edit only {@link #READ} and {@link #UPDATE_VALUES}, Read only {@link #READ}; the policies, not this enum, say so.
 */
public enum FlowConfigAction {
    /** Get, list, export, history and preview. */
    READ("Read"),
    CREATE("Create"),
    /** A change to variable values and prompt texts only. */
    UPDATE_VALUES("UpdateValues"),
    /** Adding or removing variables, prompts or languages, or changing the schema, description or default language. */
    UPDATE_STRUCTURE("UpdateStructure"),
    DELETE("Delete"),
    RESTORE("Restore");

    private final String cedarId;

    FlowConfigAction(String cedarId) {
        this.cedarId = cedarId;
    }

    /** The action's id in Cedar: {@code ConnectConfig::Action::"<cedarId>"}. */
    public String cedarId() {
        return cedarId;
    }
}
