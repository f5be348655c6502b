package dev.connectconfig.getconfig.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The SDK floor: the least a Java function can do to answer from DynamoDB (a DynamoDbClient with the url-connection
 * client, region and credentials set, one GetItem). Benchmark only, never deployed.
 */
public final class SdkFloorHandler implements RequestStreamHandler {

    private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(System.getenv("AWS_REGION")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        GetItemResponse response = dynamoDb.getItem(request -> request.tableName(System.getenv("FLOW_CONFIG_TABLE"))
                .key(Map.of("id", AttributeValue.fromS("main-queue"))).consistentRead(true));
        output.write(("{\"attributes\":\"" + response.item().size() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
