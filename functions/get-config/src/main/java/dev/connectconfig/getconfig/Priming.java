package dev.connectconfig.getconfig;

import dev.connectconfig.shared.model.FlowConfig;
import dev.connectconfig.shared.model.PromptText;
import dev.connectconfig.shared.render.Channel;
import dev.connectconfig.shared.render.FlowConfigRenderer;
import java.util.Map;

/**
 * Runs GetConfig's code paths once before a SnapStart snapshot: a DynamoDB read (SDK marshalling, signing, HTTP) and
 * rendering for voice and chat (XML parsing). Classes loaded and JIT-warmed here are in the snapshot.
 */
final class Priming {

    static final String PRIMING_ID = "__snapstart_priming__";

    private Priming() {
    }

    static void prime(GetConfigService service) {
        try {
            service.answer(new ConfigRequest(PRIMING_ID, "en-US", Channel.VOICE));
        } catch (RuntimeException ignored) {
            // priming is best effort: a snapshot without it is slower, not wrong
        }
        FlowConfig sample = new FlowConfig(PRIMING_ID, "priming", Map.of("Open", "true"), Map.of(),
                Map.of("Welcome", Map.of("en-US", new PromptText("<speak>Hello<break time=\"1s\"/>there</speak>",
                        null))), "en-US", 1, null, null);
        for (Channel channel : Channel.values()) {
            FlowConfigRenderer.render(sample, "es-MX", channel);
        }
    }
}
