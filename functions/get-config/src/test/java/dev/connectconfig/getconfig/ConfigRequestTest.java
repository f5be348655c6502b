package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.connectconfig.core.render.Channel;
import dev.connectconfig.engines.RepoFiles;
import java.util.HashMap;
import java.util.List;
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

    @Test
    void aLanguageThatIsNoLanguageTagIsIgnoredAndTheNextSourceIsUsed() {
        Map<String, Object> event = Map.of("Details", Map.of(
                "Parameters", Map.of("id", "q", "lang", "../../"),
                "ContactData", Map.of("Attributes", Map.of("lang", 42), "LanguageCode", "fr-CA")));

        assertEquals("fr-CA", ConfigRequest.from(event).language());
    }

    @Test
    void wrongTypesPathsAndHugeValuesCountAsNoLanguage() {
        for (Object lang : new Object[] {"../../", "a".repeat(40 * 1024), 42, true, List.of("en-US"),
                Map.of("tag", "en-US"), "en-US<script>", "e", "1234", "en--US"}) {
            Map<String, Object> event = new HashMap<>(Map.of("id", "q"));
            event.put("lang", lang);

            assertNull(ConfigRequest.from(event).language(), "accepted " + lang);
        }
    }

    @Test
    void aTagLongerThan35CharactersIsIgnoredEvenWhenWellFormed() {
        String tag35 = "en-US-x-abcdefgh-abcdefgh-abc-abcde";
        String tag36 = tag35 + "f";

        assertEquals(35, tag35.length());
        assertNull(ConfigRequest.from(Map.of("id", "q", "lang", tag36)).language());
        assertEquals(tag35, ConfigRequest.from(Map.of("id", "q", "lang", tag35)).language());
    }

    @Test
    void anUnderscoreIsReadAsADash() {
        assertEquals("en-US", ConfigRequest.from(Map.of("id", "q", "lang", "en_US")).language());
        assertEquals("cmn-CN", ConfigRequest.from(Map.of("id", "q", "lang", " cmn_CN ")).language());
    }

    @Test
    void theIgnoredValueIsKeptForTheLogOnly() {
        ConfigRequest request = ConfigRequest.from(Map.of("id", "q", "lang", "../../"));

        assertNull(request.language());
        assertEquals("../../", request.ignoredLanguage());
        assertEquals("(array)", ConfigRequest.from(Map.of("id", "q", "lang", List.of())).ignoredLanguage());
    }
}
