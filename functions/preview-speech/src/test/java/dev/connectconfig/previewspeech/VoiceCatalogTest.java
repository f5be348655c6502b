package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.api.errors.ApiException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {

    private final List<SpeechVoice> voices = new PollySpeechSynthesizer(new FakePolly()).voices();
    private final VoiceCatalog catalog = catalog(DefaultVoices.parse("en-US=Joanna,es-US=Lupe"));

    private VoiceCatalog catalog(DefaultVoices defaults) {
        return new VoiceCatalog(() -> voices, defaults);
    }

    @Test
    void theConfiguredDefaultVoiceSpeaksWithItsMostNaturalEngineFirst() {
        VoiceSelection selection = catalog.select("en-US", null, null);

        assertEquals("Joanna", selection.voice().id());
        assertEquals(List.of(SpeechEngine.GENERATIVE, SpeechEngine.NEURAL, SpeechEngine.STANDARD),
                selection.engines());
    }

    @Test
    void withoutAConfiguredDefaultTheBestFitIsChosenStably() {
        VoiceCatalog automatic = catalog(DefaultVoices.none());

        // Danielle and Joanna both have generative; the id decides, so every call hears the same voice.
        assertEquals("Danielle", automatic.select("en-US", null, null).voice().id());
        assertEquals("Zhiyu", automatic.select("cmn-CN", null, null).voice().id());
        assertEquals(List.of(SpeechEngine.NEURAL, SpeechEngine.STANDARD),
                automatic.select("cmn-CN", null, null).engines());
    }

    @Test
    void pollysOwnLanguageCodesAreAcceptedInAnyCaseAndSentInPollysSpelling() {
        assertEquals("arb", catalog.select("ARB", null, null).languageCode());
        assertEquals("Zeina", catalog.select("arb", null, null).voice().id());
        assertEquals("en-GB-WLS", catalog.select("en-gb-wls", null, null).languageCode());
        assertEquals("Geraint", catalog.select("en-GB-WLS", null, null).voice().id());
        assertEquals("cmn-CN", catalog.select("cmn-cn", null, null).languageCode());
    }

    @Test
    void aBilingualVoiceSpeaksItsSecondLanguage() {
        VoiceSelection selection = catalog.select("en-IN", "aditi", null);

        assertEquals("Aditi", selection.voice().id());
        assertEquals("en-IN", selection.languageCode());
        assertEquals(List.of(SpeechEngine.STANDARD), selection.engines());
    }

    @Test
    void aRequestedEngineIsTheOnlyOneTriedAndNarrowsTheDefaultVoice() {
        VoiceSelection longForm = catalog.select("en-US", null, SpeechEngine.LONG_FORM);

        // Joanna has no long-form engine, so the configured default gives way.
        assertEquals("Danielle", longForm.voice().id());
        assertEquals(List.of(SpeechEngine.LONG_FORM), longForm.engines());
        assertEquals(List.of(SpeechEngine.NEURAL), catalog.select("es-US", "Lupe", SpeechEngine.NEURAL).engines());
    }

    @Test
    void aLongFormOnlyVoiceStillSpeaks() {
        assertEquals(List.of(SpeechEngine.LONG_FORM), catalog.select("en-US", "Gregory", null).engines());
    }

    @Test
    void anUnknownVoiceIsRefusedNamingTheLanguagesVoices() {
        ApiException refusal = assertThrows(ApiException.class, () -> catalog.select("en-US", "Jonna", null));

        assertEquals(400, refusal.status());
        assertEquals("UNKNOWN_VOICE", refusal.code());
        assertTrue(refusal.getMessage().contains("Danielle, Gregory, Ivy, Joanna, Matthew"), refusal.getMessage());
        assertEquals("voiceId", refusal.details().get(0).field());
    }

    @Test
    void aVoiceThatDoesNotSpeakTheLanguageIsRefusedNamingItsLanguageAndTheChoices() {
        ApiException refusal = assertThrows(ApiException.class, () -> catalog.select("en-US", "Lupe", null));

        assertEquals("VOICE_LANGUAGE_MISMATCH", refusal.code());
        assertTrue(refusal.getMessage().contains("speaks es-US, not en-US"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("Joanna"), refusal.getMessage());
    }

    @Test
    void anEngineTheVoiceLacksIsRefusedNamingItsEngines() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> catalog.select("en-US", "Ivy", SpeechEngine.GENERATIVE));

        assertEquals("UNSUPPORTED_ENGINE", refusal.code());
        assertTrue(refusal.getMessage().contains("it has: neural, standard"), refusal.getMessage());
    }

    @Test
    void anEngineNoVoiceOfTheLanguageHasIsRefusedNamingTheLanguagesEngines() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> catalog.select("arb", null, SpeechEngine.NEURAL));

        assertEquals("UNSUPPORTED_ENGINE", refusal.code());
        assertTrue(refusal.getMessage().contains("Engines of arb voices: standard"), refusal.getMessage());
    }

    @Test
    void aLanguageWithoutVoicesIsRefusedNamingPollysLanguages() {
        ApiException refusal = assertThrows(ApiException.class, () -> catalog.select("xx-YY", null, null));

        assertEquals("UNSUPPORTED_LANGUAGE", refusal.code());
        assertTrue(refusal.getMessage().contains("arb, cmn-CN, en-GB, en-GB-WLS, en-IN, en-US"),
                refusal.getMessage());
    }

    @Test
    void aDefaultVoiceThatDoesNotExistFallsBackToTheBestFit() {
        VoiceCatalog misconfigured = catalog(DefaultVoices.parse("en-US=Nobody"));

        assertEquals("Danielle", misconfigured.select("en-US", null, null).voice().id());
    }

    @Test
    void theVoicesAreFetchedOncePerContainerButAFailedFetchIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        VoiceCatalog flaky = new VoiceCatalog(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Polly did not answer");
            }
            return voices;
        }, DefaultVoices.none());

        assertThrows(IllegalStateException.class, () -> flaky.select("en-US", null, null));
        flaky.select("en-US", null, null);
        flaky.select("es-US", "Lupe", null);

        assertEquals(2, calls.get());
    }

    @Test
    void defaultVoicesReadLanguageVoicePairsAndRefuseAnythingElse() {
        assertEquals("Joanna", DefaultVoices.parse(" en-US=Joanna , arb=Zeina").voiceFor("EN-us").orElseThrow());
        assertEquals("Zeina", DefaultVoices.parse("en-US=Joanna,arb=Zeina").voiceFor("arb").orElseThrow());
        assertTrue(DefaultVoices.parse("").voiceFor("en-US").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> DefaultVoices.parse("en-US:Joanna"));
        assertThrows(IllegalArgumentException.class, () -> DefaultVoices.parse("en-US=Joanna,"));
    }
}
