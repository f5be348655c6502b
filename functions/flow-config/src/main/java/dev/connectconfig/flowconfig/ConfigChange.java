package dev.connectconfig.flowconfig;

import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import java.util.Map;
import java.util.Objects;

/**
 * What a write changes, decided on the server from the stored and the new config, never from what a client says:
 * Edit users may change values of existing variables and prompt texts, nothing else. Schedules, the time zone and
 * the order of schedules are value changes: a schedule can only set existing names, so it adds no key to a flow.
 */
enum ConfigChange {
    NONE, VALUES, STRUCTURE;

    static ConfigChange between(FlowConfig stored, FlowConfig next) {
        if (sameContent(stored, next)) {
            return NONE;
        }
        boolean sameShape = Objects.equals(stored.description(), next.description())
                && Objects.equals(stored.effectiveDefaultLanguage(), next.effectiveDefaultLanguage())
                && stored.variables().keySet().equals(next.variables().keySet())
                && stored.schema().equals(next.schema())
                && stored.prompts().keySet().equals(next.prompts().keySet())
                && sameLanguages(stored.prompts(), next.prompts());
        return sameShape ? VALUES : STRUCTURE;
    }

    /** Equal in everything a caller hears or a flow reads; version and bookkeeping aside. */
    static boolean sameContent(FlowConfig a, FlowConfig b) {
        return Objects.equals(a.description(), b.description())
                && Objects.equals(a.effectiveDefaultLanguage(), b.effectiveDefaultLanguage())
                && a.variables().equals(b.variables())
                && a.schema().equals(b.schema())
                && a.prompts().equals(b.prompts())
                && Objects.equals(a.timeZone(), b.timeZone())
                && a.schedules().equals(b.schedules());
    }

    /** The action a replace needs: an unchanged write is judged as a value change. */
    FlowConfigAction action() {
        return this == STRUCTURE ? FlowConfigAction.UPDATE_STRUCTURE : FlowConfigAction.UPDATE_VALUES;
    }

    private static boolean sameLanguages(Map<String, Map<String, PromptText>> a,
            Map<String, Map<String, PromptText>> b) {
        return a.entrySet().stream().allMatch(prompt -> prompt.getValue().keySet().equals(
                b.get(prompt.getKey()).keySet()));
    }
}
