package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class SpeechTextTest {

    @Test
    void plainTextIsSpokenAsTextAndEveryCharacterIsBilled() {
        SpeechText text = SpeechText.check("Press 1 for sales & 2 for service.", "text");

        assertFalse(text.ssml());
        assertEquals(34, text.billedCharacters());
    }

    @Test
    void aSpeakDocumentIsSsmlAndOnlyItsSpokenTextIsBilled() {
        SpeechText text = SpeechText.check("<speak>Hi<break time=\"300ms\"/> &amp; bye</speak>", "text");

        assertTrue(text.ssml());
        assertEquals("Hi & bye".length(), text.billedCharacters());
    }

    @Test
    void plainTextUpToThreeThousandCharactersIsAcceptedAndOneMoreIsA413NamingTheLimit() {
        assertEquals(3_000, SpeechText.check("a".repeat(3_000), "text").billedCharacters());

        ApiException refusal = assertThrows(ApiException.class, () -> SpeechText.check("a".repeat(3_001), "text"));

        assertEquals(413, refusal.status());
        assertTrue(refusal.getMessage().contains("3,001"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("at most 3,000"), refusal.getMessage());
    }

    @Test
    void charactersAreCountedAsPollyCountsThemNotAsJavaCharsOrBytes() {
        // 3,000 emoji are 6,000 UTF-16 chars and 12,000 UTF-8 bytes, but 3,000 characters.
        assertEquals(3_000, SpeechText.check("\uD83D\uDE00".repeat(3_000), "text").billedCharacters());
    }

    @Test
    void ssmlMayCarryTagsBeyondThreeThousandButNotBeyondSixThousandCharacters() {
        String tags = "<break/>".repeat(300);
        String withinLimits = "<speak>" + "a".repeat(2_900) + tags + "</speak>";
        assertEquals(2_900, SpeechText.check(withinLimits, "text").billedCharacters());

        String tooMuchMarkup = "<speak>" + "a".repeat(100) + "<break/>".repeat(740) + "</speak>";
        ApiException refusal = assertThrows(ApiException.class, () -> SpeechText.check(tooMuchMarkup, "text"));
        assertEquals(413, refusal.status());
        assertTrue(refusal.getMessage().contains("at most 6,000"), refusal.getMessage());
    }

    @Test
    void ssmlSpeakingMoreThanThreeThousandCharactersIsA413() {
        String ssml = "<speak><p>" + "a".repeat(3_001) + "</p></speak>";

        ApiException refusal = assertThrows(ApiException.class, () -> SpeechText.check(ssml, "text"));

        assertEquals(413, refusal.status());
        assertTrue(refusal.getMessage().contains("speaks 3,001"), refusal.getMessage());
    }

    @Test
    void malformedSsmlIsA400NamingTheProblemAndTheField() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> SpeechText.check("<speak>Hello <break></speak>", "prompts.Welcome.en-US.voice"));

        assertEquals(400, refusal.status());
        assertEquals("INVALID_SSML", refusal.code());
        assertEquals("prompts.Welcome.en-US.voice", refusal.details().get(0).field());
    }

    @Test
    void markupWithoutASpeakRootIsNotSpoken() {
        ApiException refusal = assertThrows(ApiException.class, () -> SpeechText.check("<p>Hello</p>", "text"));

        assertEquals("INVALID_SSML", refusal.code());
        assertTrue(refusal.getMessage().contains("<speak>"), refusal.getMessage());
    }

    @Test
    void doctypesAndExternalEntitiesAreRefusedNotResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<speak>&x;</speak>";

        ApiException refusal = assertThrows(ApiException.class, () -> SpeechText.check(xxe, "text"));

        assertEquals("INVALID_SSML", refusal.code());
        assertFalse(refusal.getMessage().contains("root:"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("DOCTYPE"), refusal.getMessage());
    }

    @Test
    void emptyTextIsRefused() {
        ApiException refusal = assertThrows(ApiException.class, () -> SpeechText.check("  ", "text"));

        assertEquals(400, refusal.status());
        assertEquals("text", refusal.details().get(0).field());
    }
}
