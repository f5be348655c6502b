package dev.connectconfig.core.store;

import dev.connectconfig.core.model.FlowConfig;
import java.util.Collection;
import java.util.Optional;

/** Where flow configs live. Implementations throw {@link StoreUnavailableException} when the store cannot answer. */
public interface FlowConfigStore {

    Optional<FlowConfig> find(String id);

    /**
     * The config as GetConfig serves it: with the calendars its schedules name in place. {@code calendarHint} holds
     * the ids it named when last read, so a store can read them in the same round trip as the config. A store
     * without calendars serves the config as stored.
     */
    default Optional<FlowConfig> findServed(String id, Collection<String> calendarHint) {
        return find(id);
    }
}
