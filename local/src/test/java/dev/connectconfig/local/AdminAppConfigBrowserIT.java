package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.checkScreen;
import static dev.connectconfig.local.AdminAppRunner.waiting;
import static dev.connectconfig.local.ConfigPageInBrowser.assertFocusReturnsTo;
import static dev.connectconfig.local.ConfigPageInBrowser.assertNoProblems;
import static dev.connectconfig.local.ConfigPageInBrowser.button;
import static dev.connectconfig.local.ConfigPageInBrowser.choose;
import static dev.connectconfig.local.ConfigPageInBrowser.chosen;
import static dev.connectconfig.local.ConfigPageInBrowser.click;
import static dev.connectconfig.local.ConfigPageInBrowser.enabled;
import static dev.connectconfig.local.ConfigPageInBrowser.errorOf;
import static dev.connectconfig.local.ConfigPageInBrowser.named;
import static dev.connectconfig.local.ConfigPageInBrowser.openConfig;
import static dev.connectconfig.local.ConfigPageInBrowser.problems;
import static dev.connectconfig.local.ConfigPageInBrowser.tab;
import static dev.connectconfig.local.ConfigPageInBrowser.text;
import static dev.connectconfig.local.ConfigPageInBrowser.toggle;
import static dev.connectconfig.local.ConfigPageInBrowser.type;
import static dev.connectconfig.local.ConfigPageInBrowser.waitForNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.engines.RepoFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's config page in Debian's Chromium against the offline runner, on configs of its own (copies of the
 * sample configs): what each level is offered, a value flipped and served by GetConfig, a language added, previewed,
 * played, compared and restored, the SSML check as you type and the API's errors at their field, the unsaved-changes
 * guard, two editors meeting a 412, delete after typing the id, focus after Save and Discard, axe-core's rules on every
 * tab, and no console error, CSP violation or failed request on any of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(BrowserTestsOnTheRunner.SECOND_RUNNER)
class AdminAppConfigBrowserIT extends BrowserTestsOnTheRunner {

    private static AdminAppRunner app;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MAIN = "page-main";
    private static final String SALES = "page-sales";
    private static final String TWO = "page-two-editors";
    private static String admin;

    @BeforeAll
    static void createConfigsOfItsOwn(AdminAppRunner shared) throws Exception {
        app = shared;
        admin = app.token("ana", "Full", "*");
        app.createConfig(sample("main-queue", MAIN), admin);
        app.createConfig(sample("sales-emea", SALES), admin);
        app.createConfig(sample("sales-emea", TWO), admin);
    }

    @Test
    @Order(1)
    void aReaderSeesEveryTabAndNoEditControlWithAxeFindingNothingSerious() throws Exception {
        WebDriver reader = openConfig(app, "rita", "Read", "*", MAIN);
        assertTrue(text(reader, "access").startsWith("You have Read access"), text(reader, "access"));
        assertTrue(reader.findElement(By.xpath("//tr[.//*[normalize-space()='Closure']]")).getText().contains("Off (false)"));
        WebElement save = button(reader, "Save");
        assertFalse(enabled(save), "a reader cannot save");
        assertTrue(reader.findElements(By.cssSelector("textarea, input[name^='variables.'], input[name='new-variable']"))
                .isEmpty(), "a reader is offered no edit control");
        assertTrue(reader.findElements(By.xpath("//button[normalize-space(.)='Delete config']")).isEmpty());
        checkScreen(reader, "config-read-values");
        for (String tab : List.of("Prompts", "Schedules", "Timeline", "History", "Preview")) {
            tab(reader, tab);
            assertTrue(reader.findElements(By.cssSelector("textarea")).isEmpty(), tab);
            checkScreen(reader, "config-read-" + tab.toLowerCase());
        }
        assertNoProblems(reader);
    }

    @Test
    @Order(2)
    void anEditorFlipsClosureSavesGetConfigReturnsItAndFocusStaysOnTheSwitch() throws Exception {
        assertEquals("false", getConfig(MAIN).get("Closure").asText());
        WebDriver editor = openConfig(app, "eddie", "Edit", MAIN + ",sales-*", MAIN);
        checkScreen(editor, "config-edit");
        toggle(editor, "variables.Closure");
        assertTrue(text(editor, "unsaved").contains("Unsaved changes"));
        click(editor, "Save");

        waitForNotice(editor, "Saved '" + MAIN + "': now version 2.");
        waiting(editor).until(ExpectedConditions.textMatches(By.id("version-line"),
                java.util.regex.Pattern.compile("^Version 2, last changed by eddie on .+")));
        assertFalse(text(editor, "version-line").matches(".*\\d{4}-\\d{2}-\\d{2}T.*"), "no raw ISO timestamp");
        assertFocusReturnsTo(editor, "variables.Closure", "focus is back on the switch the user flipped");
        assertTrue(text(editor, "unsaved").contains("No unsaved changes"));
        assertEquals("true", getConfig(MAIN).get("Closure").asText(), "GetConfig through Lambda's Invoke API");

        // Discard puts the value back and the focus where it was.
        choose(editor, "RoutingMode", "holiday");
        type(editor, "variables.MaxQueueWaitSeconds", "300");
        click(editor, "Discard changes");
        waitForNotice(editor, "Your changes to '" + MAIN + "' were discarded.");
        assertEquals("600", named(editor, "variables.MaxQueueWaitSeconds").getAttribute("value"));
        assertEquals("normal", chosen(editor, "RoutingMode"));
        assertFocusReturnsTo(editor, "variables.MaxQueueWaitSeconds", "focus is back in the field edited last");
        assertNoProblems(editor);
    }

    @Test
    @Order(3)
    void anEditorIsNotOfferedStructuralChangesAndTheServerRefusesThem() throws Exception {
        WebDriver editor = openConfig(app, "eddie", "Edit", MAIN + ",sales-*", MAIN);
        assertTrue(text(editor, "access").contains("adding or removing variables, prompts and languages needs Full access"));
        assertTrue(editor.findElements(By.xpath("//form[@aria-label='Add a variable'] | //button[starts-with(@aria-label,"
                + " 'Remove variable')] | //button[normalize-space(.)='Delete config']")).isEmpty());
        tab(editor, "Prompts");
        assertTrue(editor.findElements(By.xpath("//form[@aria-label='Add a prompt'] | //form[starts-with(@aria-label,"
                + " 'Add a language')] | //button[starts-with(@aria-label, 'Remove')]")).isEmpty());
        assertFalse(editor.findElements(By.name("prompts.Welcome.en-US.voice")).isEmpty(), "prompt texts are values");
        // The console hides the control; the server stays the authority when the same token tries anyway.
        Object status = ((JavascriptExecutor) editor).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = sessionStorage.getItem('flow-config-app.id-token');
                fetch('flow-configs/%s', { headers: { Authorization: token } }).then(async r => {
                  const config = await r.json();
                  config.prompts.Goodbye = { 'en-US': { voice: 'Bye.' } };
                  const put = await fetch('flow-configs/%1$s', { method: 'PUT', body: JSON.stringify(config),
                    headers: { Authorization: token, 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag') } });
                  done(put.status);
                });""".formatted(MAIN));
        assertEquals(403L, status);
    }

    @Test
    @Order(4)
    void anAdminAddsALanguagePreviewsAndPlaysItThenComparesAndRestores() throws Exception {
        WebDriver admin = openConfig(app, "ana", "Full", "*", MAIN);
        assertTrue(text(admin, "version-line").startsWith("Version 2,"));
        tab(admin, "Prompts");
        type(admin, "new-language-HoldMessage", "es-US");
        type(admin, "new-language-voice-HoldMessage", "Por favor, espere en la línea.");
        admin.findElement(By.xpath("//form[@aria-label='Add a language to HoldMessage']//button")).click();
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.name("prompts.HoldMessage.es-US.voice")));
        checkScreen(admin, "config-full-prompts");
        click(admin, "Save");
        waitForNotice(admin, "Saved '" + MAIN + "': now version 3.");

        tab(admin, "Preview");
        choose(admin, "Preview language", "es-US");
        choose(admin, "Preview channel", "voice");
        click(admin, "Preview");
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview-size")));
        checkScreen(admin, "config-preview");
        assertTrue(text(admin, "preview-result").contains("Por favor, espere en la línea."));
        assertEquals("No missing prompts.", text(admin, "missing-prompts"));
        assertTrue(text(admin, "preview-size").matches(".*[0-9,]+ bytes of Amazon Connect's 32,768-byte limit\\..*"),
                text(admin, "preview-size"));
        assertFalse(text(admin, "preview-result").contains("$.External"), "jargon stays in the advanced part until opened");
        admin.findElement(By.xpath("//*[normalize-space(text())='Advanced: every key exactly as the flow reads it']"))
                .click();
        waiting(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-result"),
                "$.External.activeSchedules"));

        tab(admin, "Prompts");
        click(admin, "Play HoldMessage in es-US");
        WebElement played = waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[@data-player='HoldMessage|es-US'][contains(., 'Voice') or contains(., 'Polly')]")));
        if (SpeechEngine.find().isPresent()) {
            assertTrue(played.getText().startsWith("Voice Lupe"), played.getText());
            assertFalse(played.findElements(By.tagName("audio")).isEmpty());
        } else {
            assertTrue(played.getText().contains("Amazon Polly is unreachable right now"), played.getText());
        }

        tab(admin, "History");
        choose(admin, "Left version", "Version 2");
        choose(admin, "Right version", "Version 3 (current)");
        click(admin, "Compare");
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#diff table")));
        checkScreen(admin, "config-history-diff");
        String diff = text(admin, "diff");
        assertTrue(diff.contains("prompts › HoldMessage › es-US › voice (none) Por favor, espere en la línea."), diff);
        assertFalse(admin.findElement(By.xpath("//table[.//*[normalize-space()='Saved by']]")).getText()
                .matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}.*"), "saved times are not raw ISO");

        click(admin, "Restore version 2");
        waiting(admin).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@role='dialog']//button[normalize-space(.)='Restore version 2']"))).click();
        waitForNotice(admin, "Restored version 2 of '" + MAIN + "': now version 4.");
        JsonNode restored = app.apiGet("flow-configs/" + MAIN, admin());
        assertFalse(restored.get("prompts").get("HoldMessage").has("es-US"));
        assertEquals(4, restored.get("version").asInt());
        waiting(admin).until(ExpectedConditions.textMatches(By.id("version-line"),
                java.util.regex.Pattern.compile("^Version 4,.*")));
        assertNoProblems(admin);
    }

    @Test
    @Order(5)
    void malformedSsmlIsNamedAtTheFieldWithNoConsoleErrorAndSaveWaitsThenTheApisErrorsAppearAtTheirField()
            throws Exception {
        WebDriver admin = openConfig(app, "ana", "Full", "*", SALES);
        tab(admin, "Prompts");
        WebElement voice = named(admin, "prompts.Greeting.en-GB.voice");
        type(admin, "prompts.Greeting.en-GB.voice", "<speak>Hello <break time=\"1s\"></speak>");
        assertEquals("true", voice.getAttribute("aria-invalid"));
        assertEquals("The SSML is not well-formed: </speak> at line 1, column 31 comes while <break> (line 1, column 14)"
                + " is still open; close it first with </break>, or write it as <break … /> if it holds nothing.",
                errorOf(admin, voice));
        WebElement save = button(admin, "Save");
        assertFalse(enabled(save), "Save waits for well-formed SSML");
        checkScreen(admin, "config-ssml-error");
        assertNoProblems(admin);

        // Blank is well-formed (plain text) but the API requires a voice text: its error lands at the field.
        type(admin, "prompts.Greeting.en-GB.voice", " ");
        waiting(admin).until(d -> enabled(button(d, "Save")));
        click(admin, "Save");
        waiting(admin).until(ExpectedConditions.attributeToBe(By.name("prompts.Greeting.en-GB.voice"), "aria-invalid",
                "true"));
        assertEquals("is required", errorOf(admin, named(admin, "prompts.Greeting.en-GB.voice")));
        waitForNotice(admin, "Not saved");
        checkScreen(admin, "config-validation-error");
        assertEquals(1, app.apiGet("flow-configs/" + SALES, admin()).get("version").asInt(), "nothing was stored");
        assertTrue(problems(admin).stream().allMatch(p -> p.startsWith("request 400")), problems(admin).toString());
    }

    @Test
    @Order(6)
    void leavingWithUnsavedChangesAsksFirst() throws Exception {
        WebDriver editor = openConfig(app, "eddie", "Edit", MAIN + ",sales-*", MAIN);
        choose(editor, "RoutingMode", "holiday");
        editor.findElement(By.xpath("//nav[@aria-label='Breadcrumbs']//a[normalize-space()='Flow configs']")).click();
        assertTrue(waiting(editor).until(ExpectedConditions.alertIsPresent()).getText()
                .contains("unsaved changes to '" + MAIN + "'"));
        editor.switchTo().alert().dismiss();
        assertEquals("holiday", chosen(editor, "RoutingMode"));

        editor.findElement(By.xpath("//nav[@aria-label='Breadcrumbs']//a[normalize-space()='Flow configs']")).click();
        waiting(editor).until(ExpectedConditions.alertIsPresent()).accept();
        waiting(editor).until(ExpectedConditions.urlMatches("#/configs$"));
    }

    @Test
    @Order(7)
    void twoSessionsEditTheSameConfigAndTheSecondSeesTheConflictLosesNothingAndKeepsItsFocus() throws Exception {
        WebDriver first = openConfig(app, "eddie", "Edit", "page-*", TWO);
        WebDriver second = openConfig(app, "erin", "Edit", "page-*", TWO);
        toggle(first, "variables.Closure");
        click(first, "Save");
        waitForNotice(first, "Saved '" + TWO + "': now version 2.");

        tab(second, "Prompts");
        type(second, "prompts.Greeting.en-GB.chat", "Second editor's chat text");
        click(second, "Save");
        waiting(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        checkScreen(second, "config-conflict");
        String conflict = text(second, "conflict");
        assertTrue(conflict.contains("Version 2 was saved by eddie while you were editing"), conflict);
        assertTrue(conflict.contains("variables › Closure false true"), "what changed is shown: " + conflict);
        assertTrue(conflict.contains("Second editor's chat text"), "the user's own edit is kept: " + conflict);
        assertEquals(2, app.apiGet("flow-configs/" + TWO, admin()).get("version").asInt(), "nothing was overwritten");

        click(second, "Re-apply my changes on version 2");
        waiting(second).until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
        assertFocusReturnsTo(second, "prompts.Greeting.en-GB.chat", "focus is back in the field being edited");
        click(second, "Save");
        waitForNotice(second, "Saved '" + TWO + "': now version 3.");
        JsonNode saved = app.apiGet("flow-configs/" + TWO, admin());
        assertEquals("true", saved.get("variables").get("Closure").asText(), "the first editor's change is kept");
        assertEquals("Second editor's chat text", saved.get("prompts").get("Greeting").get("en-GB").get("chat").asText());
        assertTrue(problems(second).stream().allMatch(p -> p.startsWith("request 412")), problems(second).toString());
    }

    @Test
    @Order(8)
    void aFullUserDeletesAConfigAfterTypingItsId() throws Exception {
        ObjectNode doomed = sample("sales-emea", "made-in-the-app");
        app.createConfig(doomed, admin);
        WebDriver admin = openConfig(app, "ana", "Full", "*", "made-in-the-app");
        click(admin, "Delete config");
        WebElement confirm = button(admin, "Delete made-in-the-app");
        checkScreen(admin, "config-delete-confirmation");
        assertFalse(enabled(confirm), "delete waits for the id to be typed");
        type(admin, "confirm-id", "made-in-the-app");
        waiting(admin).until(d -> enabled(button(d, "Delete made-in-the-app")));
        button(admin, "Delete made-in-the-app").click();
        waitForNotice(admin, "Deleted 'made-in-the-app'");
        assertEquals(404, app.apiStatus("flow-configs/made-in-the-app", admin()));
        waiting(admin).until(ExpectedConditions.urlMatches("#/configs$"));
    }

    @Test
    @Order(9)
    void theConfigPageAndItsHistoryFitA1280x720ScreenAt200PercentZoomWithoutScrollingSideways() throws Exception {
        WebDriver admin = openConfig(app, "ana", "Full", "*", MAIN);
        // 200 % zoom of 1280×720 leaves the page 640×360 CSS pixels.
        admin.manage().window().setSize(new Dimension(640, 360));
        JavascriptExecutor js = (JavascriptExecutor) admin;
        String overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth;";
        waiting(admin).until(d -> ((Number) js.executeScript(overflow)).longValue() == 0L);
        tab(admin, "History");
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//table[.//*[normalize-space()='Saved by']]")));
        assertEquals(0L, js.executeScript(overflow), "the history");
        checkScreen(admin, "config-history-at-200-percent");
    }

    // ---- helpers ----

    private static String admin() {
        return admin;
    }

    /** A sample config of events/flow-configs/ under another id, so no other class's data is touched. */
    private static ObjectNode sample(String sample, String id) throws Exception {
        ObjectNode config = (ObjectNode) LocalJson.MAPPER.readTree(Files.readString(
                RepoFiles.path("events/flow-configs/" + sample + ".json")));
        return config.put("id", id);
    }

    private static JsonNode getConfig(String id) throws Exception {
        ObjectNode event = (ObjectNode) LocalJson.MAPPER.readTree(Files.readString(
                RepoFiles.path("events/get-config/voice-en-us.json")));
        ((ObjectNode) event.get("Details").get("Parameters")).put("id", id);
        HttpResponse<String> invoked = HTTP.send(HttpRequest.newBuilder(URI.create(app.api()
                + "/2015-03-31/functions/GetConfigFunction/invocations")).POST(HttpRequest.BodyPublishers.ofString(
                event.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, invoked.statusCode(), invoked.body());
        return LocalJson.MAPPER.readTree(invoked.body());
    }
}
