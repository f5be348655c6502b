package dev.connectconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.render.Ssml;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsmlTest {

    @Test
    void tagsAreDroppedBreaksBecomeSpacesAndEntitiesAreDecoded() {
        String text = Ssml.toPlainText("<speak>Quality &amp; training.<break time=\"300ms\"/>Press"
                + " <say-as interpret-as=\"digits\">1</say-as>\n\n   now &lt;please&gt;.</speak>");

        assertEquals("Quality & training. Press 1 now <please>.", text);
    }

    @Test
    void wordsSeparatedOnlyByABreakOrParagraphDoNotRunTogether() {
        assertEquals("Hello there. Bye", Ssml.toPlainText("<speak><p>Hello<break/>there.</p><p>Bye</p></speak>"));
    }

    @Test
    void cdataAndNamespacedAmazonTagsKeepTheirText() {
        assertEquals("a <b> whispered", Ssml.toPlainText(
                "<speak><![CDATA[a <b>]]> <amazon:effect name=\"whispered\">whispered</amazon:effect></speak>"));
    }

    @Test
    void plainTextIsOnlyWhitespaceCollapsed() {
        assertEquals("Rock & roll <3", Ssml.toPlainText("  Rock & roll\n <3 "));
        assertFalse(Ssml.isSsml("Rock & roll"));
        assertTrue(Ssml.isSsml("  <speak>x</speak>"));
        assertTrue(Ssml.isSsml("<?xml version=\"1.0\"?><speak>x</speak>"));
    }

    @Test
    void malformedSsmlIsReportedWithoutParserInternals() {
        Optional<String> problem = Ssml.problem("<speak>Hello <emphasis>there</speak>");

        assertTrue(problem.isPresent());
        assertTrue(problem.get().startsWith("SSML is not well-formed XML"), problem.get());
        assertFalse(problem.get().contains("Exception"));
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<speak>&x;</speak>";

        assertEquals(Optional.of("DOCTYPE declarations and entities are not allowed in SSML (line 1)"),
                Ssml.problem(xxe));
        assertEquals("", Ssml.toPlainText(xxe));
    }

    @Test
    void theRootMustBeSpeak() {
        assertEquals(Optional.of("the root element must be <speak>, not <p> (line 1)"),
                Ssml.problem("<p>hello</p>"));
        assertEquals(Optional.empty(), Ssml.problem("<speak>fine</speak>"));
    }
}
