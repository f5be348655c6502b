package dev.connectconfig.core.store;

import dev.connectconfig.core.model.FlowConfig;
import java.util.Optional;

/** Where flow configs live. Implementations throw {@link StoreUnavailableException} when the store cannot answer. */
public interface FlowConfigStore {

    Optional<FlowConfig> find(String id);
}
