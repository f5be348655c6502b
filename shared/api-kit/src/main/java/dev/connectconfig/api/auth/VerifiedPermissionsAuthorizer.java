package dev.connectconfig.api.auth;

import dev.connectconfig.api.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;
import software.amazon.awssdk.services.verifiedpermissions.model.ActionIdentifier;
import software.amazon.awssdk.services.verifiedpermissions.model.AttributeValue;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedInputItem;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedOutputItem;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedResponse;
import software.amazon.awssdk.services.verifiedpermissions.model.Decision;
import software.amazon.awssdk.services.verifiedpermissions.model.EntitiesDefinition;
import software.amazon.awssdk.services.verifiedpermissions.model.EntityIdentifier;
import software.amazon.awssdk.services.verifiedpermissions.model.EntityItem;
import software.amazon.awssdk.services.verifiedpermissions.model.IsAuthorizedResponse;

/**
 * Asks Amazon Verified Permissions, passing the caller and the configs as entities with their scope attributes.
 * When the service cannot answer, the request fails with 503: never allow on an error.
 */
public final class VerifiedPermissionsAuthorizer implements FlowConfigAuthorizer {

    /** The code of the 503 answered when Verified Permissions does not answer; counted as AuthorizationUnavailable. */
    public static final String UNAVAILABLE = "AUTHORIZATION_UNAVAILABLE";

    /** BatchIsAuthorized takes at most 30 requests, all for one principal here. */
    public static final int BATCH_LIMIT = 30;

    private static final Logger LOG = LoggerFactory.getLogger(VerifiedPermissionsAuthorizer.class);

    private final VerifiedPermissionsClient client;
    private final String policyStoreId;

    public VerifiedPermissionsAuthorizer(VerifiedPermissionsClient client, String policyStoreId) {
        this.client = client;
        this.policyStoreId = policyStoreId;
    }

    @Override
    public boolean isAllowed(Caller caller, FlowConfigAction action, String configId) {
        return isAllowed(caller, action.cedarId(), FlowConfigEntities.flowConfig(configId));
    }

    @Override
    public boolean isAllowed(Caller caller, CalendarAction action, String calendarId) {
        return isAllowed(caller, action.cedarId(), FlowConfigEntities.calendar(calendarId));
    }

    private boolean isAllowed(Caller caller, String actionId, CedarEntity resource) {
        CedarEntity principal = FlowConfigEntities.principal(caller);
        IsAuthorizedResponse response;
        try {
            response = client.isAuthorized(request -> request
                    .policyStoreId(policyStoreId)
                    .principal(identifier(principal))
                    .action(ActionIdentifier.builder().actionType(FlowConfigEntities.ACTION).actionId(actionId).build())
                    .resource(identifier(resource))
                    .entities(EntitiesDefinition.fromEntityList(List.of(item(principal), item(resource)))));
        } catch (SdkException e) {
            throw unavailable(e);
        }
        return response.decision() == Decision.ALLOW;
    }

    @Override
    public Set<String> allowed(Caller caller, FlowConfigAction action, List<String> configIds) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(configIds));
        Set<String> allowed = new LinkedHashSet<>();
        CedarEntity principal = FlowConfigEntities.principal(caller);
        for (int from = 0; from < distinct.size(); from += BATCH_LIMIT) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH_LIMIT));
            List<EntityItem> entities = new ArrayList<>();
            entities.add(item(principal));
            List<BatchIsAuthorizedInputItem> requests = new ArrayList<>();
            for (String id : chunk) {
                CedarEntity resource = FlowConfigEntities.flowConfig(id);
                entities.add(item(resource));
                requests.add(BatchIsAuthorizedInputItem.builder()
                        .principal(identifier(principal))
                        .action(action(action))
                        .resource(identifier(resource))
                        .build());
            }
            BatchIsAuthorizedResponse response;
            try {
                response = client.batchIsAuthorized(request -> request
                        .policyStoreId(policyStoreId)
                        .entities(EntitiesDefinition.fromEntityList(entities))
                        .requests(requests));
            } catch (SdkException e) {
                throw unavailable(e);
            }
            for (BatchIsAuthorizedOutputItem result : response.results()) {
                String id = result.request() == null || result.request().resource() == null ? null
                        : result.request().resource().entityId();
                if (result.decision() == Decision.ALLOW && chunk.contains(id)) {
                    allowed.add(id);
                }
            }
        }
        return allowed;
    }

    /** One BatchIsAuthorized call with a request per action (at most six, under its limit of 30). */
    @Override
    public Set<FlowConfigAction> permitted(Caller caller, String configId, Set<FlowConfigAction> actions) {
        CedarEntity principal = FlowConfigEntities.principal(caller);
        CedarEntity resource = FlowConfigEntities.flowConfig(configId);
        List<BatchIsAuthorizedInputItem> requests = actions.stream().map(action -> BatchIsAuthorizedInputItem
                .builder().principal(identifier(principal)).action(action(action)).resource(identifier(resource))
                .build()).toList();
        BatchIsAuthorizedResponse response;
        try {
            response = client.batchIsAuthorized(request -> request
                    .policyStoreId(policyStoreId)
                    .entities(EntitiesDefinition.fromEntityList(List.of(item(principal), item(resource))))
                    .requests(requests));
        } catch (SdkException e) {
            throw unavailable(e);
        }
        Set<FlowConfigAction> permitted = java.util.EnumSet.noneOf(FlowConfigAction.class);
        for (BatchIsAuthorizedOutputItem result : response.results()) {
            boolean aboutThisConfig = result.request() != null && result.request().action() != null
                    && result.request().resource() != null
                    && configId.equals(result.request().resource().entityId());
            if (result.decision() == Decision.ALLOW && aboutThisConfig) {
                String actionId = result.request().action().actionId();
                actions.stream().filter(a -> a.cedarId().equals(actionId)).forEach(permitted::add);
            }
        }
        return permitted;
    }

    private static EntityIdentifier identifier(CedarEntity entity) {
        return EntityIdentifier.builder().entityType(entity.type()).entityId(entity.id()).build();
    }

    private static ActionIdentifier action(FlowConfigAction action) {
        return ActionIdentifier.builder().actionType(FlowConfigEntities.ACTION).actionId(action.cedarId()).build();
    }

    private static EntityItem item(CedarEntity entity) {
        Map<String, AttributeValue> attributes = new java.util.LinkedHashMap<>();
        entity.attributes().forEach((name, values) -> attributes.put(name,
                AttributeValue.fromSet(values.stream().map(AttributeValue::fromString).toList())));
        return EntityItem.builder().identifier(identifier(entity)).attributes(attributes).build();
    }

    private static ApiException unavailable(SdkException e) {
        LOG.error("Verified Permissions did not answer", e);
        return new ApiException(503, UNAVAILABLE,
                "Permissions could not be checked right now; try again shortly.");
    }
}
