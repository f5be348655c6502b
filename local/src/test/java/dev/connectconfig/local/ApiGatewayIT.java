package dev.connectconfig.local;

import dev.connectconfig.testing.RequiredTools;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.engines.RepoFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's event and response mapping, through a probe function on a route of its own template: the proxy event
 * the handler receives, multi-value and binary responses, and what API Gateway answers for a failing, slow or
 * malformed function.
 */
class ApiGatewayIT {

    private static final String TEMPLATE = """
            Parameters:
              ApiStageName: {Type: String, Default: test}
            Resources:
              ProbeApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: !Ref ApiStageName
                  BinaryMediaTypes: ['audio~1mpeg', 'audio~1pcm']
                  MinimumCompressionSize: 1024
                  Cors: {AllowOrigin: "'https://config.example.com'", AllowMethods: "'GET,POST'"}
                  GatewayResponses:
                    DEFAULT_4XX:
                      ResponseParameters:
                        Headers: {Access-Control-Allow-Origin: "'https://config.example.com'"}
              ProbeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: %s
                  Handler: dev.connectconfig.local.ProbeApiHandler::handleRequest
                  Timeout: 8
                  MemorySize: 256
                  Events:
                    Probe: {Type: Api, Properties: {RestApiId: !Ref ProbeApi, Path: '/probe/{case}', Method: POST}}
            """;

    @TempDir
    static Path root;
    private static LocalSystem system;
    private static ApiGateway api;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(root.resolve("template.yaml"), TEMPLATE.formatted(RepoFiles.path("local/target/test-classes")));
        system = LocalSystem.start(root, root.resolve("data"), false, 0, true, Map.of(), LocalRunner.runtimeJars(),
                line -> { }, (function, line) -> { });
        LocalIdentity identity = new LocalIdentity(new byte[32], Clock.systemUTC());
        api = new ApiGateway(system, identity, 0);
        token = (String) identity.login(LocalJson.read("{\"username\": \"ana\", \"groups\": [\"FlowConfigAdmin\"]}"
                .getBytes(StandardCharsets.UTF_8))).get("token");
    }

    @AfterAll
    static void stop() {
        api.close();
        system.close();
    }

    private static HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
                .header("Authorization", token).header("Content-Type", contentType).header("X-Tag", "first")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return LocalJson.read(response.body());
    }

    @Test
    void theHandlerReceivesTheProxyEventApiGatewayBuilds() throws Exception {
        HttpResponse<byte[]> response = post("/probe/event?lang=es-US&tag=a&tag=b%20c", "application/json",
                "{\"x\": 1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        JsonNode event = json(response);
        assertEquals("/probe/{case}", event.path("resource").asText());
        assertEquals("/probe/event", event.path("path").asText());
        assertEquals("POST", event.path("httpMethod").asText());
        assertEquals("event", event.path("pathParameters").path("case").asText());
        assertEquals("b c", event.path("queryStringParameters").path("tag").asText());
        assertEquals(List.of("a", "b c"), List.of(event.path("multiValueQueryStringParameters").path("tag").get(0)
                .asText(), event.path("multiValueQueryStringParameters").path("tag").get(1).asText()));
        assertEquals("{\"x\": 1}", event.path("body").asText());
        assertEquals(false, event.path("isBase64Encoded").asBoolean());
        assertEquals("test", event.path("requestContext").path("stage").asText());
        assertEquals("/test/probe/event", event.path("requestContext").path("path").asText());
        JsonNode claims = event.path("requestContext").path("authorizer").path("claims");
        assertEquals("ana", claims.path("cognito:username").asText());
        assertEquals("FlowConfigAdmin", claims.path("cognito:groups").asText());
        assertTrue(event.path("headers").toString().contains("\"first\""), event.path("headers").toString());

        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
        assertEquals("one", response.headers().firstValue("X-Probe").orElse(null));
    }

    @Test
    void aBodyOfAtLeastTheMinimumCompressionSizeIsGzippedForAClientThatAcceptsIt() throws Exception {
        byte[] large = ("{\"text\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> gzipped = post("/probe/event", "application/json", large, "Accept-Encoding",
                "br;q=1, gzip;q=0.8");
        HttpResponse<byte[]> plain = post("/probe/event", "application/json", large);
        HttpResponse<byte[]> small = post("/probe/binary", "application/json", new byte[0], "Accept",
                "audio/mpeg", "Accept-Encoding", "gzip");

        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.headers().allValues("Vary").contains("Accept-Encoding"), gzipped.headers().toString());
        byte[] unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))
                .readAllBytes();
        assertTrue(gzipped.body().length < unzipped.length / 4, gzipped.body().length + " of " + unzipped.length);
        assertEquals(json(plain).path("body").asText(), LocalJson.read(unzipped).path("body").asText());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "no Accept-Encoding: sent as it is");
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "under 1024 bytes: sent as it is");
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfb, 0, 1}, small.body());
    }

    @Test
    void aBinaryMediaTypeReachesTheHandlerBase64Encoded() throws Exception {
        JsonNode event = json(post("/probe/event", "audio/mpeg", new byte[] {1, 2, 3}));
        assertTrue(event.path("isBase64Encoded").asBoolean());
        assertEquals("AQID", event.path("body").asText());
    }

    @Test
    void aBase64ResponseIsSentAsBytesWhenTheFirstAcceptedTypeIsABinaryMediaType() throws Exception {
        HttpResponse<byte[]> response = post("/probe/binary", "application/json", new byte[0],
                "Accept", "audio/mpeg, */*;q=0.8");
        assertEquals("audio/mpeg", response.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfb, 0, 1}, response.body());
        assertTrue(response.headers().firstValue(PollyEndpoint.PREVIEW_HEADER).isEmpty(), "no speech was made");
    }

    /** curl's default Accept is * / *: API Gateway then passes the function's base64 text through, and so does this. */
    @Test
    void otherwiseTheBase64TextIsSentAsItIs() throws Exception {
        for (String accept : new String[] {"*/*", "application/json, audio/mpeg"}) {
            HttpResponse<byte[]> response = post("/probe/binary", "application/json", new byte[0], "Accept", accept);
            assertEquals("//sAAQ==", new String(response.body(), StandardCharsets.US_ASCII), accept);
        }
        assertEquals("//sAAQ==", new String(post("/probe/binary", "application/json", new byte[0]).body(),
                StandardCharsets.US_ASCII), "no Accept header");
    }

    @Test
    void failuresAreAnsweredAsApiGatewayDoes() throws Exception {
        HttpResponse<byte[]> failed = post("/probe/fail", "application/json", new byte[0]);
        assertEquals(502, failed.statusCode());
        assertEquals("Internal server error", json(failed).path("message").asText());
        HttpResponse<byte[]> malformed = post("/probe/garbage", "application/json", new byte[0]);
        assertEquals(502, malformed.statusCode());
        assertEquals("Malformed Lambda proxy response", json(malformed).path("message").asText());
        // The probe sleeps a minute; its Timeout (8 s) leaves the other cases room on a machine busy with the rest
        // of the suite (at 2 s a first call in a fresh JVM timed out there).
        HttpResponse<byte[]> slow = post("/probe/sleep", "application/json", new byte[0]);
        assertEquals(504, slow.statusCode());
        assertEquals("Endpoint request timed out", json(slow).path("message").asText());

        HttpResponse<byte[]> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "/probe/event"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, anonymous.statusCode());
        assertEquals("https://config.example.com",
                anonymous.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "GatewayResponses");
    }

    @Test
    void speechFromTheLocalEngineIsMarkedAsALocalPreview() throws Exception {
        RequiredTools.require(system.polly().isPresent(), "espeak-ng is not installed: no local speech to mark");
        HttpResponse<byte[]> response = post("/probe/speak", "application/json", new byte[0], "Accept", "audio/pcm");
        assertEquals(200, response.statusCode());
        assertTrue(AudioChecks.isAudiblePcm(response.body()), "speech");
        assertEquals(PollyEndpoint.PREVIEW_MARK, response.headers().firstValue(PollyEndpoint.PREVIEW_HEADER)
                .orElse(null));
    }
}
