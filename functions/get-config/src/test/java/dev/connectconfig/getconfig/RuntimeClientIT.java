package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.getconfig.bench.ColdStartRun;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The deployed jar in a fresh JVM under the real Lambda runtime interface client, with template.yaml's handler name:
 * the runtime picks the stream entry point, and an event that is no JSON object gets GetConfig's own error key, not
 * the runtime's "Unhandled" error naming a Java class.
 */
class RuntimeClientIT {

    private static DynamoDbLocal dynamoDb;
    private static ColdStartRun.Program getConfig;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.seedSamples();
        List<String> classpath = List.of(jarOf(AWSLambda.class), jarOf(PojoSerializer.class), jarOf(Context.class),
                jarOf(SdkInternalThreadLocal.class), Path.of("target", "get-config.jar").toAbsolutePath().toString());
        getConfig = new ColdStartRun.Program("GetConfig", "dev.connectconfig.getconfig.GetConfigHandler::handleRequest",
                classpath, null);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static JsonNode invoke(byte[] event) throws Exception {
        ColdStartRun.Result result = ColdStartRun.run(getConfig, event, Map.of(
                "FLOW_CONFIG_TABLE", DynamoDbLocal.FLOW_CONFIG_TABLE,
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_LAMBDA_FUNCTION_NAME", "GetConfigFunction", "POWERTOOLS_SERVICE_NAME", "get-config"),
                false, false);
        assertFalse(result.error(), result.answer());
        return new ObjectMapper().readTree(result.answer());
    }

    @Test
    void aConnectEventIsAnsweredThroughTheStreamEntryPoint() throws Exception {
        JsonNode answer = invoke(Files.readAllBytes(RepoFiles.path("events/get-config/voice-en-us.json")));

        assertEquals("en-US", answer.get("language").asText());
        assertEquals("false", answer.get("Closure").asText());
    }

    @Test
    void aStringOrArrayEventIsInvalidRequestNotAnUnhandledError() throws Exception {
        for (String event : List.of("\"main-queue\"", "[\"main-queue\"]")) {
            JsonNode answer = invoke(event.getBytes(StandardCharsets.UTF_8));

            assertEquals("INVALID_REQUEST", answer.get("error").asText(), answer.toString());
            assertFalse(answer.toString().contains("java."), answer.toString());
            assertFalse(answer.has("errorType"), answer.toString());
        }
    }
}
