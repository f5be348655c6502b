package dev.connectconfig.local;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code local/run.sh --replica <primary>} end to end, one runner for the class: the runner is a read-only replica of
 * eu-west-1; reads and dry runs work, and a write answers 409 READ_ONLY_REGION naming the primary while DynamoDB
 * Local keeps every item as it was.
 */
class ReplicaRunnerIT {

    private static final String MESSAGE = "This region (us-east-1) is a read-only replica; make changes in eu-west-1.";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    private static RunnerProcess runner;
    private static String token;

    @BeforeAll
    static void startAReplica() throws Exception {
        runner = RunnerProcess.onFreePorts(work, "--replica", "eu-west-1");
        HttpResponse<String> login = send("POST", "/local-login", null,
                "{\"username\": \"ana\", \"level\": \"Full\"}", "Content-Type", "application/json");
        assertEquals(200, login.statusCode(), login.body());
        token = json(login.body()).path("token").asText();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.stop();
        }
    }

    @Test
    void theRunnerSaysItIsAReplica() {
        assertTrue(runner.output().contains("Read-only replica     this region (us-east-1) refuses writes with 409 "
                + "READ_ONLY_REGION; the primary is eu-west-1"), runner.output());
    }

    @Test
    void readsWorkAndAWriteIsRefusedChangingNothing() throws Exception {
        Map<String, List<Map<String, AttributeValue>>> before = everything();

        HttpResponse<String> list = send("GET", "/flow-configs", token, null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(json(list.body()).path("items").size() >= 3, list.body());
        HttpResponse<String> read = send("GET", "/flow-configs/main-queue", token, null);
        assertEquals(200, read.statusCode(), read.body());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        String closed = read.body().replace("\"Closure\":\"false\"", "\"Closure\":\"true\"");
        assertTrue(closed.contains("\"Closure\":\"true\""), read.body());
        HttpResponse<String> put = send("PUT", "/flow-configs/main-queue", token, closed,
                "Content-Type", "application/json", "If-Match", etag);
        assertEquals(409, put.statusCode(), put.body());
        assertEquals("READ_ONLY_REGION", json(put.body()).path("code").asText(), put.body());
        assertEquals(MESSAGE, json(put.body()).path("message").asText());

        HttpResponse<String> delete = send("DELETE", "/flow-configs/main-queue", token, null, "If-Match", etag);
        assertEquals(409, delete.statusCode(), delete.body());
        HttpResponse<String> dryRun = send("POST", "/flow-configs/emergency?dryRun=true", token,
                "{\"ids\": [\"main-queue\"], \"set\": {\"variables\": {\"Closure\": \"true\"}}}",
                "Content-Type", "application/json");
        assertEquals(200, dryRun.statusCode(), dryRun.body());
        assertEquals(1, json(dryRun.body()).path("counts").path("changed").asInt(), dryRun.body());
        HttpResponse<String> emergency = send("POST", "/flow-configs/emergency", token,
                "{\"ids\": [\"main-queue\"], \"set\": {\"variables\": {\"Closure\": \"true\"}}}",
                "Content-Type", "application/json");
        assertEquals(409, emergency.statusCode(), emergency.body());

        // GetConfig reads its own region's table: served as before, open.
        String event = Files.readString(RepoFiles.path("events/get-config/voice-en-us.json"));
        try (LambdaClient lambda = LambdaClients.forRunner(runner.api())) {
            InvokeResponse served = lambda.invoke(b -> b.functionName("GetConfigFunction")
                    .payload(LambdaClients.json(event)));
            assertEquals(null, served.functionError(), served.payload().asUtf8String());
            assertEquals("false", json(served.payload().asUtf8String()).path("Closure").asText());
        }
        assertEquals(before, everything(), "a refused write changed DynamoDB Local");
    }

    /** Every item of every table of the runner's DynamoDB Local, by table. */
    private static Map<String, List<Map<String, AttributeValue>>> everything() {
        Matcher endpoint = Pattern.compile("DynamoDB Local\\s+(http://127\\.0\\.0\\.1:\\d+)").matcher(runner.output());
        assertTrue(endpoint.find(), "the runner names its DynamoDB Local: " + runner.output());
        Map<String, List<Map<String, AttributeValue>>> items = new TreeMap<>();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(endpoint.group(1)))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local"))).build()) {
            for (String table : dynamoDb.listTables().tableNames()) {
                List<Map<String, AttributeValue>> rows = new ArrayList<>(dynamoDb.scanPaginator(b -> b.tableName(table)
                        .consistentRead(true)).items().stream().toList());
                rows.sort((a, b) -> a.toString().compareTo(b.toString()));
                items.put(table, rows);
            }
        }
        assertTrue(items.values().stream().mapToInt(List::size).sum() >= 3, items.toString());
        return items;
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.api() + path))
                .timeout(RunnerProcess.START_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        return LocalJson.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
