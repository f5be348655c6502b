package dev.connectconfig.shared.store;

import dev.connectconfig.shared.model.FlowConfig;
import java.util.Optional;

/** Where flow configs live. Implementations throw {@link StoreUnavailableException} when the store cannot answer. */
public interface FlowConfigStore {

    Optional<FlowConfig> find(String id);
}
