package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.DynamoDbLocal;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The local Polly knows the voices PreviewSpeech picks for the samples, and says what it cannot make. */
class PollyEndpointTest {

    private static Optional<PollyEndpoint.Voice> voice(String id) {
        return PollyEndpoint.VOICES.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    @Test
    void everyDefaultVoiceOfTheTemplateIsALocalVoiceOfItsLanguage() {
        String defaults = (String) CloudFormationTemplate.at(CloudFormationTemplate.load().root(), "Parameters",
                "PreviewSpeechDefaultVoices", "Default");
        assertFalse(defaults.isBlank());
        for (String pair : defaults.split(",")) {
            String[] languageAndVoice = pair.split("=");
            Optional<PollyEndpoint.Voice> voice = voice(languageAndVoice[1]);
            assertTrue(voice.isPresent(), "PreviewSpeechDefaultVoices names " + pair + ": add it to the local Polly");
            assertEquals(languageAndVoice[0], voice.get().languageCode(), pair);
        }
    }

    /** A language without a default voice is spoken by the best fit among DescribeVoices' voices: there must be one. */
    @Test
    void everyLanguageOfTheSampleConfigsHasALocalVoice() {
        TreeSet<String> languages = new TreeSet<>();
        for (FlowConfig config : DynamoDbLocal.sampleConfigs()) {
            languages.add(config.effectiveDefaultLanguage());
            config.prompts().values().forEach(prompt -> languages.addAll(prompt.keySet()));
        }
        assertTrue(languages.containsAll(List.of("en-US", "es-US", "cmn-CN", "en-GB", "arb")), languages.toString());
        for (String language : languages) {
            assertTrue(PollyEndpoint.VOICES.stream().anyMatch(v -> v.languageCode().equalsIgnoreCase(language)),
                    "no local voice speaks " + language);
        }
    }

    @Test
    void eachVoiceListsOnlyPollysEngineNames() {
        for (PollyEndpoint.Voice voice : PollyEndpoint.VOICES) {
            assertFalse(voice.engines().isEmpty(), voice.id());
            assertTrue(List.of("standard", "neural", "generative", "long-form").containsAll(voice.engines()),
                    voice.toString());
        }
        assertEquals(List.of("standard"), voice("Zeina").orElseThrow().engines(), "as in Polly");
    }

    @Test
    void aFormatWithoutItsEncoderIsRefusedNamingWhatToInstall() {
        SpeechEngine bare = new SpeechEngine(false, false);
        assertEquals(List.of("pcm"), bare.formats());
        assertTrue(bare.refusal("pcm").isEmpty());
        assertTrue(bare.refusal("mp3").orElseThrow().contains("apt-get install lame"));
        assertTrue(bare.refusal("ogg_vorbis").orElseThrow().contains("apt-get install vorbis-tools"));
        assertTrue(bare.refusal("json").orElseThrow().contains("speech marks"));
        assertEquals("espeak-ng (pcm; install lame for mp3 and vorbis-tools for ogg_vorbis)", bare.describe());

        SpeechEngine full = new SpeechEngine(true, true);
        assertEquals(List.of("mp3", "ogg_vorbis", "pcm"), full.formats());
        assertTrue(full.refusal("ogg_vorbis").isEmpty());
        assertTrue(full.refusal("json").orElseThrow().endsWith("makes mp3, ogg_vorbis, pcm"));
        assertEquals("espeak-ng (mp3, ogg_vorbis, pcm)", full.describe());
    }
}
