package dev.connectconfig.api.auth;

import dev.connectconfig.api.errors.ApiException;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a caller may take an action on flow configs. Default is deny: only a policy that permits allows.
 * In AWS this is Verified Permissions; tests and the local runner evaluate the same policies with cedar-java.
 */
public interface FlowConfigAuthorizer {

    boolean isAllowed(Caller caller, FlowConfigAction action, String configId);

    /** The ids among {@code configIds} the caller may take {@code action} on, for filtering lists. */
    Set<String> allowed(Caller caller, FlowConfigAction action, List<String> configIds);

    /**
     * The actions among {@code actions} the caller may take on one config: one question for a write that needs
     * several answers (may the caller see it, and may it make the change it turns out to be).
     */
    default Set<FlowConfigAction> permitted(Caller caller, String configId, Set<FlowConfigAction> actions) {
        Set<FlowConfigAction> permitted = java.util.EnumSet.noneOf(FlowConfigAction.class);
        for (FlowConfigAction action : actions) {
            if (isAllowed(caller, action, configId)) {
                permitted.add(action);
            }
        }
        return permitted;
    }

    /** Answers 403 unless allowed; the message names the action, never the policies. */
    default void require(Caller caller, FlowConfigAction action, String configId) {
        if (!isAllowed(caller, action, configId)) {
            throw ApiException.forbidden("You may not " + describe(action) + " flow config '" + configId + "'.");
        }
    }

    /** May the caller take {@code action} on the calendar {@code calendarId}; an authorizer without calendars denies. */
    default boolean isAllowed(Caller caller, CalendarAction action, String calendarId) {
        return false;
    }

    /** Answers 403 unless allowed. */
    default void require(Caller caller, CalendarAction action, String calendarId) {
        if (!isAllowed(caller, action, calendarId)) {
            throw ApiException.forbidden("You may not " + action.verb() + " calendar '" + calendarId + "'.");
        }
    }

    static String describe(FlowConfigAction action) {
        return switch (action) {
            case READ -> "read";
            case CREATE -> "create";
            case UPDATE_VALUES -> "change values of";
            case UPDATE_STRUCTURE -> "change the structure (variables, prompts, languages, schema, description) of";
            case DELETE -> "delete";
            case RESTORE -> "restore a version of";
        };
    }
}
