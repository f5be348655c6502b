package dev.connectconfig.core.store;

import dev.connectconfig.core.model.FlowConfig;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** Reads flow configs from the table keyed by {@code id}; one strongly consistent GetItem per read. */
public class DynamoDbFlowConfigStore implements FlowConfigStore {

    protected final DynamoDbClient dynamoDb;
    protected final String tableName;

    public DynamoDbFlowConfigStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<FlowConfig> find(String id) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(GetItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS(id)))
                    .consistentRead(true)
                    .build());
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB GetItem on " + tableName + " failed", e);
        }
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(FlowConfigItems.fromItem(response.item()))
                : Optional.empty();
    }
}
