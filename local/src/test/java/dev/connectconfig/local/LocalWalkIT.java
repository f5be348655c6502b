package dev.connectconfig.local;

import dev.connectconfig.testing.RequiredTools;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.local.RunnerProcess.Command;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first walk of docs/contributors.md, as a new user takes it: the runner is started as its own process on free
 * ports with its own data folder, and driven over real HTTP: list configs, change a variable as an Edit user and see
 * GetConfig return it, be refused as a Read user, preview a prompt; then {@code invoke}, a taken port, a clean stop,
 * data kept between runs and {@code --reset}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalWalkIT {

    /** The first walk's preview: the main queue's welcome, as an en-US caller hears it. */
    private static final String WELCOME =
            "{\"flowConfigId\": \"main-queue\", \"prompt\": \"Welcome\", \"languageCode\": \"en-US\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    private static Path data;
    private static int port;
    private static String api;
    private static RunnerProcess runner;

    @BeforeAll
    static void startTheRunner() throws Exception {
        data = work.resolve("data");
        port = DynamoDbLocal.freePort();
        api = "http://127.0.0.1:" + port;
        runner = start("first", "--port", Integer.toString(port), "--data-dir", data.toString());
    }

    @AfterAll
    static void stopAnyRunner() {
        if (runner != null) {
            runner.stop();
        }
    }

    /** Starts a runner on this repository and waits until it says it is ready. */
    private static RunnerProcess start(String name, String... args) throws Exception {
        return RunnerProcess.start(RepoFiles.root(), work.resolve(name + ".log"), args);
    }

    private static Command run(String... args) throws Exception {
        return RunnerProcess.run(RepoFiles.root(), work, Duration.ofSeconds(120), args);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body,
            String... headers) throws Exception {
        return send(HttpResponse.BodyHandlers.ofString(), method, path, token, body, headers);
    }

    private static HttpResponse<byte[]> sendForBytes(String method, String path, String token, String body,
            String... headers) throws Exception {
        return send(HttpResponse.BodyHandlers.ofByteArray(), method, path, token, body, headers);
    }

    private static <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> bodyHandler, String method, String path,
            String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), bodyHandler);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return LocalJson.read(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String login(String body) throws Exception {
        HttpResponse<String> response = send("POST", "/local-login", null, body);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).path("token").asText();
    }

    /** GetConfig through the runner's Lambda Invoke API, with a sample Amazon Connect event. */
    private static JsonNode getConfig() throws Exception {
        HttpResponse<String> response = send("POST", "/2015-03-31/functions/GetConfigFunction/invocations", null,
                RepoFiles.text("events/get-config/voice-en-us.json"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("X-Amz-Function-Error").isEmpty(), response.body());
        return json(response);
    }

    @Test
    @Order(1)
    void itPrintsWhereEverythingListens() {
        String output = runner.output();
        assertTrue(output.contains("REST API              " + api), output);
        assertTrue(output.contains("GET     /flow-configs/{id}"), output);
        assertTrue(output.contains("DynamoDB Local        http://127.0.0.1:"), output);
        assertTrue(output.contains("(seeded: +18005550100, main-queue, sales-emea)"), output);
        assertTrue(output.contains("Verified Permissions  http://127.0.0.1:"), output);
        assertTrue(output.contains("POST    /preview-speech"), output);
        assertTrue(output.contains("Polly                 " + (SpeechEngine.find().isPresent()
                ? "http://127.0.0.1:" : "unreachable: speech previews answer 503")), output);
    }

    @Test
    @Order(2)
    void aReaderListsTheSampleConfigs() throws Exception {
        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<String> list = send("GET", "/flow-configs", reader, null);
        assertEquals(200, list.statusCode(), list.body());
        List<String> ids = new ArrayList<>();
        json(list).path("items").forEach(item -> ids.add(item.path("id").asText()));
        assertEquals(List.of("+18005550100", "main-queue", "sales-emea"), ids);

        HttpResponse<String> scoped = send("GET", "/flow-configs", login(
                "{\"username\": \"sam\", \"level\": \"Read\", \"scopes\": [\"sales-*\"]}"), null);
        assertEquals("sales-emea", json(scoped).path("items").get(0).path("id").asText());
        assertEquals(1, json(scoped).path("items").size(), "Cedar filters the list by scope");
    }

    @Test
    @Order(3)
    void withoutAValidTokenTheApiAnswers401() throws Exception {
        HttpResponse<String> none = send("GET", "/flow-configs", null, null);
        assertEquals(401, none.statusCode());
        assertEquals("UNAUTHORIZED", json(none).path("code").asText());
        assertEquals("*", none.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String token = login("{\"username\": \"ana\", \"level\": \"Full\"}");
        assertEquals(401, send("GET", "/flow-configs", token.substring(0, token.length() - 2) + "xx", null)
                .statusCode());
        HttpResponse<String> badLogin = send("POST", "/local-login", null, "{\"username\": \"ana\", \"level\": \"Boss\"}");
        assertEquals(400, badLogin.statusCode());
        assertEquals("level", json(badLogin).path("details").get(0).path("field").asText());
    }

    @Test
    @Order(4)
    void routesOutsideTheTemplateAnswer404AndPreflightsFollowItsCors() throws Exception {
        HttpResponse<String> missing = send("GET", "/flow-configs/main-queue/audit", login(
                "{\"username\": \"ana\", \"level\": \"Full\"}"), null);
        assertEquals(404, missing.statusCode());
        assertEquals("NOT_FOUND", json(missing).path("code").asText());
        HttpResponse<String> preflight = send("OPTIONS", "/flow-configs/main-queue", null, null,
                "Origin", "https://config.example.com", "Access-Control-Request-Method", "PUT");
        assertEquals(200, preflight.statusCode());
        assertEquals("GET,PUT,POST,DELETE,OPTIONS",
                preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("600", preflight.headers().firstValue("Access-Control-Max-Age").orElse(null));
    }

    @Test
    @Order(5)
    void anEditorChangesAVariableAndGetConfigReturnsIt() throws Exception {
        assertEquals("false", getConfig().path("Closure").asText());
        String editor = login("{\"username\": \"eddie\", \"level\": \"Edit\", \"scopes\": [\"main-queue\"]}");
        HttpResponse<String> current = send("GET", "/flow-configs/main-queue", editor, null);
        assertEquals(200, current.statusCode(), current.body());
        String etag = current.headers().firstValue("ETag").orElseThrow();
        ObjectNode config = (ObjectNode) json(current);
        config.remove("version");
        ((ObjectNode) config.path("variables")).put("Closure", "true");

        HttpResponse<String> saved = send("PUT", "/flow-configs/main-queue", editor, LocalJson.write(config),
                "If-Match", etag);
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals("eddie", json(saved).path("updatedBy").asText());
        JsonNode served = getConfig();
        assertEquals("true", served.path("Closure").asText(), "CacheTtlSeconds is 0 locally");
        assertEquals(json(saved).path("version").asText(), served.path("configVersion").asText());
    }

    @Test
    @Order(6)
    void aReaderIsRefused() throws Exception {
        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<String> current = send("GET", "/flow-configs/main-queue", reader, null);
        ObjectNode config = (ObjectNode) json(current);
        config.remove("version");
        ((ObjectNode) config.path("variables")).put("Closure", "false");
        HttpResponse<String> refused = send("PUT", "/flow-configs/main-queue", reader, LocalJson.write(config),
                "If-Match", current.headers().firstValue("ETag").orElseThrow());
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("FORBIDDEN", json(refused).path("code").asText());
        assertEquals("true", getConfig().path("Closure").asText(), "nothing changed");
    }

    @Test
    @Order(7)
    void aPromptIsPreviewedAsACallerWouldGetIt() throws Exception {
        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<String> preview = send("POST", "/flow-configs/main-queue/preview", reader,
                "{\"lang\": \"es-US\", \"channel\": \"chat\"}");
        assertEquals(200, preview.statusCode(), preview.body());
        String welcome = json(preview).path("result").path("Welcome").asText();
        assertTrue(welcome.startsWith("Gracias por llamar"), welcome);
        assertFalse(welcome.contains("<speak>"), "chat gets plain text: " + welcome);
    }

    /** The runner found espeak-ng, as its printout says; without it the 503 is checked in a later step. */
    private static void assumeLocalSpeech() {
        RequiredTools.require(runner.output().contains("spoken by espeak-ng"), "espeak-ng is not installed (apt-get install"
                + " espeak-ng lame vorbis-tools): skipping the spoken preview; the 503 without a speech engine is"
                + " still checked");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    @Order(8)
    void aPromptIsSpokenByTheLocalEngineMarkedAsALocalPreviewAndSentAsBytes() throws Exception {
        assumeLocalSpeech();
        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<byte[]> mp3 = sendForBytes("POST", "/preview-speech", reader, WELCOME, "Accept", "audio/mpeg");
        assertEquals(200, mp3.statusCode(), new String(mp3.body(), StandardCharsets.UTF_8));
        assertEquals("audio/mpeg", header(mp3, "Content-Type"));
        assertTrue(AudioChecks.isMp3(mp3.body()), "MP3 frames");
        assertEquals("Joanna", header(mp3, "X-Voice-Id"), "the template's default voice for en-US");
        assertEquals(PollyEndpoint.PREVIEW_MARK, header(mp3, PollyEndpoint.PREVIEW_HEADER));
        List<String> exposed = List.of(header(mp3, "Access-Control-Expose-Headers").split(", "));
        assertTrue(exposed.containsAll(List.of("X-Voice-Id", PollyEndpoint.PREVIEW_HEADER)), "readable by a page: "
                + exposed);

        // As from API Gateway: without an audio type first in Accept, the function's base64 text comes through as is.
        HttpResponse<byte[]> base64 = sendForBytes("POST", "/preview-speech", reader, WELCOME, "Accept", "*/*");
        assertEquals(Base64.getEncoder().encodeToString(mp3.body()), new String(base64.body(),
                StandardCharsets.US_ASCII));

        // The bytes the API sends are the very bytes the function returned (Lambda's Invoke API shows those).
        JsonNode event = LocalJson.read(RepoFiles.text("events/preview-speech/text.json")
                .getBytes(StandardCharsets.UTF_8));
        JsonNode produced = json(send("POST", "/2015-03-31/functions/PreviewSpeechFunction/invocations", null,
                LocalJson.write(event)));
        assertEquals(200, produced.path("statusCode").asInt(), produced.toString());
        assertTrue(produced.path("isBase64Encoded").asBoolean(), "the function marks its audio as base64");
        HttpResponse<byte[]> sent = sendForBytes("POST", "/preview-speech", reader, event.path("body").asText(),
                "Accept", "audio/mpeg");
        assertArrayEquals(Base64.getDecoder().decode(produced.path("body").asText()), sent.body());
    }

    @Test
    @Order(9)
    void everyFormatAndEverySampleLanguageIsSpokenLocally() throws Exception {
        assumeLocalSpeech();
        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<byte[]> pcm = sendForBytes("POST", "/preview-speech", reader, "{\"text\": \"Thank you for"
                + " calling.\", \"languageCode\": \"en-US\", \"format\": \"pcm\"}", "Accept", "audio/pcm");
        assertEquals(200, pcm.statusCode());
        assertEquals("16000", header(pcm, "X-Sample-Rate"));
        assertTrue(AudioChecks.isAudiblePcm(pcm.body()), "speech, not silence");

        HttpResponse<byte[]> ogg = sendForBytes("POST", "/preview-speech", reader, "{\"text\": \"Thank you for"
                + " calling.\", \"languageCode\": \"en-US\", \"format\": \"ogg_vorbis\"}", "Accept", "audio/ogg");
        // Both branches run somewhere: CI has every encoder, and the refusal is also PollyEndpointTest's.
        RequiredTools.require(runner.output().contains("ogg_vorbis, pcm)") || !RequiredTools.required(),
                "lame and oggenc are not installed (apt-get install lame vorbis-tools)");
        if (runner.output().contains("ogg_vorbis, pcm)")) {
            assertEquals(200, ogg.statusCode());
            assertTrue(AudioChecks.isOggVorbis(ogg.body()), "Ogg Vorbis");
        } else {
            assertEquals(502, ogg.statusCode());
            assertTrue(header(ogg, PollyEndpoint.PREVIEW_HEADER).startsWith("refused: OutputFormat ogg_vorbis needs"
                    + " oggenc (apt-get install vorbis-tools)"), header(ogg, PollyEndpoint.PREVIEW_HEADER));
        }

        // Each stored prompt in each of its languages, in the voice PreviewSpeech picks by default for it.
        Map<String, String> voices = Map.of("en-US", "Joanna", "es-US", "Lupe", "en-GB", "Amy", "cmn-CN", "Zhiyu",
                "arb", "Zeina");
        for (FlowConfig config : DynamoDbLocal.sampleConfigs()) {
            for (Map.Entry<String, Map<String, PromptText>> prompt : config.prompts().entrySet()) {
                for (String language : prompt.getValue().keySet()) {
                    String what = config.id() + " " + prompt.getKey() + " " + language;
                    HttpResponse<byte[]> spoken = sendForBytes("POST", "/preview-speech", reader, LocalJson.write(
                            Map.of("flowConfigId", config.id(), "prompt", prompt.getKey(), "languageCode", language)),
                            "Accept", "audio/mpeg");
                    assertEquals(200, spoken.statusCode(), what + ": " + new String(spoken.body(),
                            StandardCharsets.UTF_8));
                    assertEquals(voices.get(language), header(spoken, "X-Voice-Id"), what);
                    assertEquals(language, header(spoken, "X-Prompt-Language"), what);
                    assertTrue(AudioChecks.isMp3(spoken.body()), what);
                }
            }
        }
    }

    @Test
    @Order(10)
    void invokeRunsOnTheRunningRunnersWarmFunctions() throws Exception {
        Command getConfig = run("invoke", "GetConfig", "events/get-config/voice-en-us.json", "--data-dir",
                data.toString());
        assertEquals(0, getConfig.status(), getConfig.err());
        assertEquals("true", LocalJson.read(getConfig.out().getBytes(StandardCharsets.UTF_8)).path("Closure").asText(),
                getConfig.out());
        assertTrue(getConfig.err().contains("\"message\":\"flow config served\""), getConfig.err());

        Command export = run("invoke", "UsersExportFunction", "events/users-export/backfill.json", "--data-dir",
                data.toString());
        assertEquals(1, export.status(), "a function error is a failed invoke");
        assertTrue(export.out().contains("Amazon Athena has no local engine in the local runner"), export.out());

        Command links = run("invoke", "ResourceLinkCreatorFunction", "events/resource-link-creator/create.json",
                "--data-dir", data.toString());
        assertEquals(1, links.status(), "a custom resource that answers FAILED, or nothing, is a failed invoke");
        // The log's last 4 KB (as Lambda's Tail gives them) end with the refusal's line, which names both stacks.
        assertTrue(links.err().contains("\"configuredStackId\":\"" + TemplateValues.STACK_ID + "\""),
                "a hand-made event for another stack is refused: " + links.err());
        assertTrue(links.err().contains(LocalRunner.UNANSWERED), "and not answered: " + links.err());
        assertFalse(links.err().contains("\"Status\""), links.err());
    }

    @Test
    @Order(11)
    void aSecondRunnerOnATakenPortRefusesToStart() throws Exception {
        Command second = run("--port", Integer.toString(port), "--data-dir", work.resolve("other").toString());
        assertEquals(1, second.status());
        assertTrue(second.err().contains("Port " + port + " (REST API) is already in use"), second.err());
    }

    @Test
    @Order(12)
    void stoppingEndsTheFunctionJvmsAndKeepsTheData() throws Exception {
        List<ProcessHandle> functions = runner.process().descendants().toList();
        assertTrue(functions.size() >= 3, "GetConfig, FlowConfig, UsersExport, ResourceLinkCreator JVMs: "
                + functions.size());
        runner.process().destroy();
        assertTrue(runner.process().waitFor(60, TimeUnit.SECONDS), "the runner stops on SIGTERM");
        assertTrue(runner.output().contains("Stopped."), runner.output());
        for (ProcessHandle function : functions) {
            function.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(function.isAlive());
        }

        // No runner now: invoke starts the local engines itself, on the data the runner left.
        Command standalone = run("invoke", "GetConfigFunction", "events/get-config/voice-en-us.json", "--data-dir",
                data.toString());
        assertEquals(0, standalone.status(), standalone.err());
        assertEquals("true", LocalJson.read(standalone.out().getBytes(StandardCharsets.UTF_8)).path("Closure")
                .asText(), "the change outlived the runner: " + standalone.out());
    }

    @Test
    @Order(13)
    void resetStartsFromTheSamples() throws Exception {
        runner = start("reset", "--port", Integer.toString(port), "--data-dir", data.toString(), "--reset");
        assertTrue(runner.output().contains("(seeded: +18005550100, main-queue, sales-emea)"), runner.output());
        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<String> config = send("GET", "/flow-configs/main-queue", reader, null);
        assertEquals("false", json(config).path("variables").path("Closure").asText());
        assertNotEquals("eddie", json(config).path("updatedBy").asText());
    }

    /**
     * The first walk of docs/contributors.md, run by bash as written in {@code folder} against the runner of this
     * test; only the port, the data folder and the build step differ. Returns what it printed.
     */
    private static String readmeWalk(String folderName) throws Exception {
        RequiredTools.require(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
        String page = RepoFiles.text("docs/contributors.md");
        int start = page.indexOf("```\n", page.indexOf("### A first walk")) + 4;
        String walk = page.substring(start, page.indexOf("```", start));
        assertTrue(walk.contains("API=http://127.0.0.1:3000\n") && walk.contains("local/run.sh invoke "), walk);
        assertTrue(walk.contains("WORK=$(mktemp -d)\n"), "the walk writes its files to a temporary folder: " + walk);
        Path folder = Files.createDirectories(work.resolve(folderName));
        Path saved = Files.createDirectories(folder.resolve("tmp"));
        String out = runAsWritten(walk, folder, saved);
        try (var left = Files.list(folder)) {
            assertEquals(List.of(saved), left.toList(), "the walk leaves nothing where it was run");
        }
        int closed = out.indexOf("\"Closure\" : \"true\"");
        assertTrue(out.indexOf("\"Closure\" : \"false\"") >= 0 && closed > out.indexOf("\"Closure\" : \"false\""),
                "GetConfig before and after the edit:\n" + out);
        assertTrue(out.contains("\"updatedBy\":\"eddie\""), out);
        assertTrue(out.contains("{\"code\":\"FORBIDDEN\""), out);
        assertTrue(out.contains("\"Welcome\":\"Gracias por llamar"), out);
        return out;
    }

    /**
     * Commands of a page run by bash as written, in {@code folder}, against the runner of this test: only the port,
     * the data folder, the build step and the temporary folder ({@code WORK}, made {@code saved}) differ.
     */
    private static String runAsWritten(String commands, Path folder, Path saved) throws Exception {
        Path runScript = work.resolve("run.sh");
        List<String> command = new ArrayList<>(RunnerProcess.java());
        command.add(command.size() - 1, "-Dlocal.caller.dir=" + RepoFiles.root());
        // as local/run.sh does: Java runs at the repository root, events are named from where the user stands
        Files.writeString(runScript, "#!/usr/bin/env bash\ncd '" + RepoFiles.root() + "'\nexec "
                + String.join(" ", command.stream().map(arg -> "'" + arg + "'").toList()) + " \"$@\" --data-dir '"
                + data + "'\n");
        String script = "set -e\n" + commands.replace("127.0.0.1:3000", "127.0.0.1:" + port)
                .replace("WORK=$(mktemp -d)", "WORK='" + saved + "'")
                .replace("local/run.sh invoke ", "bash " + runScript + " invoke ");
        Process bash = new ProcessBuilder("bash", "-c", script).directory(folder.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), out);
        return out;
    }

    /** The code block of {@code page} that holds {@code marker}. */
    private static String codeBlock(String page, String marker) {
        int at = page.indexOf(marker);
        assertTrue(at >= 0, "no " + marker + " in the page");
        int start = page.lastIndexOf("```\n", at) + 4;
        return page.substring(start, page.indexOf("```", start));
    }

    @Test
    @Order(14)
    void theReadmeWalkWorksAsWritten() throws Exception {
        String out = readmeWalk("walk");
        String lower = out.toLowerCase(Locale.ROOT);
        byte[] welcome = Files.readAllBytes(work.resolve("walk/tmp/welcome.mp3"));
        if (SpeechEngine.find().isPresent()) {
            assertTrue(lower.contains("http/1.1 200"), out);
            assertTrue(lower.contains("x-voice-id: joanna"), out);
            assertTrue(lower.contains(PollyEndpoint.PREVIEW_HEADER.toLowerCase(Locale.ROOT) + ": espeak-ng"), out);
            assertTrue(AudioChecks.isMp3(welcome), "welcome.mp3 is MP3 audio");
        } else {
            assertTrue(lower.contains("http/1.1 503"), out);
            assertTrue(new String(welcome, StandardCharsets.UTF_8).contains("SPEECH_UNREACHABLE"));
        }
    }

    /** Started without its speech engine, the runner is a place where Polly cannot be reached: a clear 503. */
    @Test
    @Order(15)
    void withoutASpeechEngineAPreviewIsA503SayingPollyIsUnreachable() throws Exception {
        runner.process().destroy();
        assertTrue(runner.process().waitFor(60, TimeUnit.SECONDS), "the runner stops on SIGTERM");
        runner = start("no-speech", "--port", Integer.toString(port), "--data-dir", data.toString(), "--reset",
                "--no-speech-engine");
        assertTrue(runner.output().contains("Polly                 unreachable (--no-speech-engine)"),
                runner.output());

        String reader = login("{\"username\": \"rita\", \"level\": \"Read\"}");
        HttpResponse<String> refused = send("POST", "/preview-speech", reader, WELCOME, "Accept", "audio/mpeg");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("SPEECH_UNREACHABLE", json(refused).path("code").asText());
        assertTrue(json(refused).path("message").asText().startsWith("Amazon Polly is unreachable"), refused.body());
        assertEquals("2", header(refused, "Retry-After"));
        assertTrue(header(refused, "Content-Type").startsWith("application/json"));
        assertNull(header(refused, PollyEndpoint.PREVIEW_HEADER), "nothing was spoken");

        String out = readmeWalk("walk-without-speech").toLowerCase(Locale.ROOT);
        assertTrue(out.contains("http/1.1 503"), out);
        assertTrue(Files.readString(work.resolve("walk-without-speech/tmp/welcome.mp3")).contains("SPEECH_UNREACHABLE"));
    }

    /** The API users' page, with its local variant, run as pasted from the repository root: the first PUT creates. */
    @Test
    @Order(16)
    void theApiUsersExamplesWorkOnTheRunnerAsPasted() throws Exception {
        RequiredTools.require(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
        String page = RepoFiles.text("docs/api-users.md");
        String commands = codeBlock(page, "API=http://127.0.0.1:3000/\n") + codeBlock(page, "WORK=$(mktemp -d)\n")
                + codeBlock(page, "-o \"$WORK/welcome.mp3\"");
        Path saved = Files.createDirectories(work.resolve("api-users"));
        List<String> before = rootListing();

        String out = runAsWritten(commands, RepoFiles.root(), saved);

        assertFalse(out.contains("PRECONDITION_FAILED"), out);
        assertTrue(out.contains("\"id\":\"my-queue\""), out);
        assertTrue(out.contains("\"unchanged\""), "the import of the export: " + out);
        assertTrue(out.toLowerCase(Locale.ROOT).contains("http/1.1 503"), "this runner has no speech engine: " + out);
        assertTrue(Files.exists(saved.resolve("flow-configs-backup.json")));
        assertEquals(before, rootListing(), "nothing is left in the repository");
    }

    /** The flow builders' page: scheduled.json is found once the step before it created sales-support. */
    @Test
    @Order(17)
    void theScheduledEventFindsItsConfigAfterTheStepThatCreatesIt() throws Exception {
        String commands = codeBlock(RepoFiles.text("docs/flow-builders.md"),
                "local/run.sh invoke FlowConfigFunction events/flow-config/create-with-schedules.json");

        String out = runAsWritten(commands, RepoFiles.root(), work);

        assertFalse(out.contains("NOT_FOUND"), out);
        assertTrue(out.contains("\"activeSchedules\""), out);
    }

    private static List<String> rootListing() throws Exception {
        try (var files = Files.list(RepoFiles.root())) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
