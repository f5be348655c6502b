package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.shared.render.Channel;
import dev.connectconfig.testing.RepoFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRequestTest {

    @Test
    void aConnectEventGivesIdLanguageAndChannel() {
        ConfigRequest request = ConfigRequest.from(RepoFiles.eventMap("events/get-config/chat.json"));

        assertEquals(new ConfigRequest("main-queue", "en-US", Channel.CHAT), request);
    }

    @Test
    void theLangParameterOverridesTheContactAttributeAndLanguageCode() {
        ConfigRequest request = ConfigRequest.from(RepoFiles.eventMap(
                "events/get-config/lang-parameter-override.json"));

        assertEquals("es-US", request.language());
    }

    @Test
    void theContactAttributeOverridesTheLanguageCode() {
        Map<String, Object> event = Map.of("Details", Map.of(
                "Parameters", Map.of("id", "q"),
                "ContactData", Map.of("Attributes", Map.of("lang", "fr-CA"), "LanguageCode", "en-US")));

        assertEquals("fr-CA", ConfigRequest.from(event).language());
    }

    @Test
    void aPlainObjectWorksForOtherCallersWithChannelInAnyCase() {
        ConfigRequest request = ConfigRequest.from(RepoFiles.eventMap("events/get-config/plain-request.json"));

        assertEquals(new ConfigRequest("+18005550100", "cmn-CN", Channel.VOICE), request);
        assertEquals(Channel.TASK, ConfigRequest.from(Map.of("id", "q", "channel", "task")).channel());
    }

    @Test
    void missingPartsAreNullAndTheChannelDefaultsToVoice() {
        ConfigRequest request = ConfigRequest.from(RepoFiles.eventMap("events/get-config/missing-id.json"));

        assertEquals(null, request.id());
        assertEquals(Channel.VOICE, ConfigRequest.from(Map.of()).channel());
        assertEquals(new ConfigRequest(null, null, Channel.VOICE), ConfigRequest.from(null));
    }
}
