package dev.connectconfig.flowconfig;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The real handler over DynamoDB Local (tables from template.yaml) and the real Cedar engine: what every FlowConfig
 * integration test drives. {@link #reset()} empties both tables and stores the samples at version 1.
 */
final class ApiFixture implements AutoCloseable {

    static final String HISTORY_TABLE = "FlowConfigHistoryTable";
    static final ObjectMapper JSON = new ObjectMapper();

    final DynamoDbLocal dynamoDb;
    final DynamoDbFlowConfigRepository repository;
    final CedarFlowConfigAuthorizer cedar = new CedarFlowConfigAuthorizer();
    final FlowConfigHandler handler;
    private final List<DynamoDbClient> ownClients = new java.util.ArrayList<>();

    private ApiFixture(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.repository = new DynamoDbFlowConfigRepository(dynamoDb.client(), DynamoDbLocal.FLOW_CONFIG_TABLE,
                HISTORY_TABLE);
        this.handler = new FlowConfigHandler(FlowConfigFactory.build(repository, cedar, Clock.systemUTC()),
                "https://config.example.com");
    }

    /**
     * A DynamoDB client of its own on the same DynamoDB Local, with {@code interceptors} watching or changing what
     * passes on the wire, and the real handler over it.
     */
    FlowConfigHandler handlerOver(ExecutionInterceptor... interceptors) {
        return handlerOver(repositoryOver(interceptors));
    }

    /** A repository over a DynamoDB client of its own, with {@code interceptors} on the wire. */
    DynamoDbFlowConfigRepository repositoryOver(ExecutionInterceptor... interceptors) {
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient(AwsClients.Timeouts.BACKGROUND))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(dynamoDb.endpoint())
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
        ownClients.add(client);
        return new DynamoDbFlowConfigRepository(client, DynamoDbLocal.FLOW_CONFIG_TABLE, HISTORY_TABLE);
    }

    FlowConfigHandler handlerOver(FlowConfigRepository repository) {
        return new FlowConfigHandler(FlowConfigFactory.build(repository, cedar, Clock.systemUTC()),
                "https://config.example.com");
    }

    static APIGatewayProxyResponseEvent invoke(FlowConfigHandler handler, APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestContext("FlowConfig"));
    }

    static ApiFixture start() {
        ApiFixture fixture = new ApiFixture(DynamoDbLocal.start());
        fixture.reset();
        return fixture;
    }

    void reset() {
        for (String table : List.of(DynamoDbLocal.FLOW_CONFIG_TABLE, HISTORY_TABLE)) {
            for (Map<String, AttributeValue> item : items(table)) {
                Map<String, AttributeValue> key = new HashMap<>();
                key.put("id", item.get("id"));
                if (table.equals(HISTORY_TABLE)) {
                    key.put("version", item.get("version"));
                }
                dynamoDb.client().deleteItem(b -> b.tableName(table).key(key));
            }
        }
        DynamoDbLocal.sampleConfigs().forEach(sample ->
                dynamoDb.put(sample.withBookkeeping(1, "2026-01-01T00:00:00Z", "seed")));
    }

    List<Map<String, AttributeValue>> items(String table) {
        return dynamoDb.client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().stream().toList();
    }

    /** Everything stored, for proving a refused request wrote nothing. */
    List<Map<String, AttributeValue>> snapshot() {
        List<Map<String, AttributeValue>> all = new java.util.ArrayList<>(items(DynamoDbLocal.FLOW_CONFIG_TABLE));
        all.addAll(items(HISTORY_TABLE));
        return all;
    }

    FlowConfig stored(String id) {
        return repository.find(id).orElseThrow();
    }

    APIGatewayProxyResponseEvent invoke(APIGatewayProxyRequestEvent event) {
        return invoke(handler, event);
    }

    APIGatewayProxyResponseEvent invoke(String eventFile) {
        return invoke(event(eventFile));
    }

    static APIGatewayProxyRequestEvent event(String eventFile) {
        return RepoFiles.event("events/flow-config/" + eventFile, APIGatewayProxyRequestEvent.class);
    }

    static JsonNode body(APIGatewayProxyResponseEvent response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as API Gateway passes it after the Cognito authorizer, built in a test. */
    static final class Request {
        private final APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> pathParameters = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();

        Request(String method, String resource) {
            event.setHttpMethod(method);
            event.setResource(resource);
            APIGatewayProxyRequestEvent.ProxyRequestContext context =
                    new APIGatewayProxyRequestEvent.ProxyRequestContext();
            context.setRequestId("test-request");
            event.setRequestContext(context);
        }

        Request id(String id) {
            pathParameters.put("id", id);
            return this;
        }

        Request path(String name, String value) {
            pathParameters.put(name, value);
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request query(String name, String value) {
            query.put(name, value);
            return this;
        }

        Request json(Object body) {
            headers.putIfAbsent("Content-Type", "application/json");
            try {
                event.setBody(body instanceof String text ? text : JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Request claims(Map<String, Object> claims) {
            Map<String, Object> authorizer = new HashMap<>();
            authorizer.put("claims", claims);
            event.getRequestContext().setAuthorizer(authorizer);
            return this;
        }

        APIGatewayProxyRequestEvent build() {
            event.setHeaders(headers);
            event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
            event.setQueryStringParameters(query.isEmpty() ? null : query);
            return event;
        }
    }

    static Map<String, Object> admin() {
        return Map.of("sub", "admin-1", "cognito:username", "ana.admin", "cognito:groups", "FlowConfigAdmin");
    }

    @Override
    public void close() throws Exception {
        ownClients.forEach(DynamoDbClient::close);
        dynamoDb.close();
    }
}
