package dev.connectconfig.engines;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.core.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A real DynamoDB engine (DynamoDB Local, in memory) on a free port of 127.0.0.1 only, with every table of template.yaml
 * created from its template definition (keys and indexes), so tests and the deployed stack cannot drift apart. Each
 * table is named after its logical id ({@code FlowConfigTable}).
 */
public final class DynamoDbLocal implements AutoCloseable {

    public static final String FLOW_CONFIG_TABLE = "FlowConfigTable";

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClient client;
    private List<String> createdTables = List.of();

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        // Static credentials: DynamoDB Local accepts any, and benchmarks and the local runner have none in the environment.
        this.client = DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient(AwsClients.Timeouts.BACKGROUND))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(endpoint)
                .build();
    }

    /** Starts an in-memory server and creates the template's tables. */
    public static DynamoDbLocal start() {
        return start(freePort(), "-inMemory");
    }

    /**
     * Starts a server on {@code port} with {@code storage} options ({@code -inMemory}, or {@code -dbPath DIR} to keep
     * data on disk) and creates the template's tables that do not exist yet.
     */
    public static DynamoDbLocal start(int port, String... storage) {
        List<String> arguments = new ArrayList<>(List.of(storage));
        arguments.addAll(List.of("-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"));
        DynamoDBProxyServer server;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(arguments.toArray(String[]::new));
            onLoopbackOnly(server);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
        DynamoDbLocal local = new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + port));
        local.createdTables = local.createTemplateTables();
        return local;
    }

    /**
     * DynamoDB Local has no option for the address it listens on and binds every interface; its Jetty connector is
     * set to 127.0.0.1 before it starts. A version without that connector fails here rather than listen on the network.
     */
    private static void onLoopbackOnly(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        org.eclipse.jetty.server.Connector[] connectors = ((org.eclipse.jetty.server.Server) field.get(proxy))
                .getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind to 127.0.0.1");
        }
        for (org.eclipse.jetty.server.Connector connector : connectors) {
            ((org.eclipse.jetty.server.ServerConnector) connector).setHost("127.0.0.1");
        }
    }

    /** The template's tables this start created (all of them in memory; only new ones on disk). */
    public List<String> createdTables() {
        return createdTables;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** Stores one config, as written, in the flow-config table. */
    public void put(FlowConfig config) {
        client.putItem(PutItemRequest.builder().tableName(FLOW_CONFIG_TABLE).item(FlowConfigItems.toItem(config))
                .build());
    }

    /** Stores every sample config of {@code events/flow-configs/}. */
    public List<FlowConfig> seedSamples() {
        List<FlowConfig> configs = sampleConfigs();
        configs.forEach(this::put);
        return configs;
    }

    /** The sample flow configs kept as readable JSON in {@code events/flow-configs/}. */
    public static List<FlowConfig> sampleConfigs() {
        return FlowConfigJson.readFolder(RepoFiles.path("events/flow-configs"));
    }

    @SuppressWarnings("unchecked")
    private List<String> createTemplateTables() {
        CloudFormationTemplate template = CloudFormationTemplate.load();
        List<String> existing = client.listTables().tableNames();
        List<String> created = new ArrayList<>();
        for (String logicalId : template.resourcesOfType("AWS::DynamoDB::Table")) {
            if (existing.contains(logicalId)) {
                continue;
            }
            Map<String, Object> properties = template.properties(logicalId);
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(logicalId)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(((List<Map<String, Object>>) properties.get("AttributeDefinitions"))
                            .stream().map(a -> AttributeDefinition.builder()
                                    .attributeName((String) a.get("AttributeName"))
                                    .attributeType((String) a.get("AttributeType")).build()).toList())
                    .keySchema(keys((List<Map<String, Object>>) properties.get("KeySchema")));
            List<Map<String, Object>> indexes = (List<Map<String, Object>>) properties.get("GlobalSecondaryIndexes");
            if (indexes != null) {
                request.globalSecondaryIndexes(indexes.stream().map(index -> {
                    Map<String, Object> projection = (Map<String, Object>) index.get("Projection");
                    return GlobalSecondaryIndex.builder()
                            .indexName((String) index.get("IndexName"))
                            .keySchema(keys((List<Map<String, Object>>) index.get("KeySchema")))
                            .projection(Projection.builder()
                                    .projectionType((String) projection.get("ProjectionType"))
                                    .nonKeyAttributes((List<String>) projection.get("NonKeyAttributes"))
                                    .build())
                            .build();
                }).toList());
            }
            client.createTable(request.build());
            created.add(logicalId);
        }
        return created;
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder()
                .attributeName((String) k.get("AttributeName"))
                .keyType((String) k.get("KeyType")).build()).toList();
    }

    /**
     * A loopback port nothing listens on now, for a server about to bind it. Picked at random below the kernel's
     * ephemeral range, so two picks rarely meet and no outgoing connection can take it before the bind.
     */
    public static int freePort() {
        // Below the kernel's ephemeral range: an outgoing connection never takes such a port between this pick and
        // the bind by whoever asked, as one did under load when the port came from the ephemeral range (bind to 0).
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 200 && below > 12_000; attempt++) {
            int port = 10_000 + ThreadLocalRandom.current().nextInt(below - 10_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // another process holds it: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first port the kernel hands out to outgoing connections (Linux; 32768 elsewhere, its usual value). */
    private static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
