package dev.connectconfig.getconfig.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The GetConfig a user writes first: the runtime's POJO serialization, the Enhanced Client with a bean schema, the
 * SDK's default (Apache) HTTP client and Jackson, no logging. The benchmark's baseline; never deployed.
 */
public final class NaiveGetConfigHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbTable<FlowConfigBean> table = DynamoDbEnhancedClient.builder()
            .dynamoDbClient(DynamoDbClient.create())
            .build()
            .table(System.getenv("FLOW_CONFIG_TABLE"), TableSchema.fromBean(FlowConfigBean.class));

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> parameters = (Map<String, Object>) ((Map<String, Object>) event.get("Details"))
                .get("Parameters");
        FlowConfigBean config = table.getItem(Key.builder().partitionValue((String) parameters.get("id")).build());
        Map<String, Object> result = new LinkedHashMap<>(JSON.convertValue(config.getVariables(), Map.class));
        result.put("description", config.getDescription());
        return result;
    }
}
