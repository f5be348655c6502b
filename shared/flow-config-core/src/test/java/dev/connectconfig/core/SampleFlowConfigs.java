package dev.connectconfig.core;

import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sample flow configs in the repository's {@code events/flow-configs/}, found from this module's folder. */
public final class SampleFlowConfigs {

    private SampleFlowConfigs() {
    }

    public static List<FlowConfig> all() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("events/flow-configs"))) {
            dir = dir.getParent();
            if (dir == null) {
                throw new IllegalStateException("no events/flow-configs above " + Path.of("").toAbsolutePath());
            }
        }
        return FlowConfigJson.readFolder(dir.resolve("events/flow-configs"));
    }
}
