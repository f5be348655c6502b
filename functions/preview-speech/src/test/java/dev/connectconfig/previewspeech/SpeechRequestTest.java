package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SpeechRequest parse(String json) throws Exception {
        return SpeechRequest.from(JSON.readTree(json));
    }

    private static List<String> refusedFields(String json) {
        ApiException refusal = assertThrows(ApiException.class, () -> parse(json));
        assertEquals(400, refusal.status());
        return refusal.details().stream().map(FieldError::field).toList();
    }

    @Test
    void textWithOnlyALanguageDefaultsToMp3AndAutomaticVoiceAndEngine() throws Exception {
        SpeechRequest request = parse("{\"text\": \"Hello\", \"languageCode\": \"en-US\"}");

        assertFalse(request.isReference());
        assertEquals(AudioFormat.MP3, request.format());
        assertNull(request.voiceId());
        assertNull(request.engine());
    }

    @Test
    void voiceEngineAndFormatAreReadByPollysNamesInAnyCase() throws Exception {
        SpeechRequest request = parse("{\"text\": \"Hi\", \"languageCode\": \"en-US\", \"voiceId\": \"Danielle\","
                + " \"engine\": \"Long-Form\", \"format\": \"OGG_VORBIS\"}");

        assertEquals(SpeechEngine.LONG_FORM, request.engine());
        assertEquals(AudioFormat.OGG_VORBIS, request.format());
    }

    @Test
    void aStoredPromptIsNamedByConfigAndPrompt() throws Exception {
        SpeechRequest request = parse("{\"flowConfigId\": \"main-queue\", \"prompt\": \"Welcome\","
                + " \"languageCode\": \"es-US\", \"format\": \"pcm\"}");

        assertTrue(request.isReference());
        assertEquals(AudioFormat.PCM, request.format());
    }

    @Test
    void pollysLanguageCodesAreNotForcedIntoTwoLettersDashTwo() throws Exception {
        for (String code : List.of("arb", "cmn-CN", "en-GB-WLS", "yue-CN", "en-us")) {
            assertEquals(code, parse("{\"text\": \"x\", \"languageCode\": \"" + code + "\"}").languageCode());
        }
        assertEquals(List.of("languageCode"), refusedFields("{\"text\": \"x\", \"languageCode\": \"en US\"}"));
    }

    @Test
    void bothFormsTogetherOrNeitherAreRefused() {
        assertEquals(List.of("text"), refusedFields("{\"text\": \"x\", \"flowConfigId\": \"a\", \"prompt\": \"B\","
                + " \"languageCode\": \"en-US\"}"));
        assertEquals(List.of("text"), refusedFields("{\"languageCode\": \"en-US\"}"));
        assertEquals(List.of("prompt"), refusedFields("{\"flowConfigId\": \"a\", \"languageCode\": \"en-US\"}"));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        List<String> fields = refusedFields("{\"text\": 7, \"engine\": \"turbo\", \"format\": \"wav\","
                + " \"voiceId\": \"Jo anna\", \"speed\": 2}");

        assertEquals(List.of("speed", "text", "languageCode", "voiceId", "engine", "format"), fields);
    }

    @Test
    void unknownEnginesAndFormatsAreRefusedNamingTheChoices() {
        ApiException refusal = assertThrows(ApiException.class, () -> parse("{\"text\": \"x\","
                + " \"languageCode\": \"en-US\", \"engine\": \"turbo\", \"format\": \"wav\"}"));

        assertEquals("must be one of: generative, neural, standard, long-form", refusal.details().get(0).message());
        assertEquals("must be one of: mp3, ogg_vorbis, pcm", refusal.details().get(1).message());
    }

    @Test
    void badConfigIdsAndPromptNamesAreRefused() {
        assertEquals(List.of("flowConfigId", "prompt"), refusedFields("{\"flowConfigId\": \"a/b\","
                + " \"prompt\": \"1st\", \"languageCode\": \"en-US\"}"));
    }

    @Test
    void emptyTextAndNonObjectsAreRefused() {
        assertEquals(List.of("text"), refusedFields("{\"text\": \" \", \"languageCode\": \"en-US\"}"));
        assertEquals(List.of(""), refusedFields("[\"Hello\"]"));
    }

    @Test
    void aLanguageCodeThatIsNoLanguageAtAllIsRefusedWithoutAskingPolly() {
        for (String code : List.of("xx", "zz-US", "en-XX", "XX-xx", "cmn-QQ")) {
            assertEquals(List.of("languageCode"), refusedFields("{\"text\": \"Hi\", \"languageCode\": \"" + code
                    + "\"}"), code);
        }
    }

    @Test
    void everyLanguageCodePollyKnowsIsALanguage() {
        for (var code : software.amazon.awssdk.services.polly.model.LanguageCode.knownValues()) {
            assertTrue(SpeechRequest.isLanguage(code.toString()), code.toString());
        }
        for (String code : List.of("en-US", "arb", "cmn-CN", "yue-CN", "en-GB-WLS", "es-419", "de", "fil-PH")) {
            assertTrue(SpeechRequest.isLanguage(code), code);
        }
    }
}
