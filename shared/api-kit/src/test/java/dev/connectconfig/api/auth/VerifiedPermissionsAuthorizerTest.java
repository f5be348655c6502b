package dev.connectconfig.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;
import software.amazon.awssdk.services.verifiedpermissions.model.AttributeValue;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedOutputItem;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedRequest;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedResponse;
import software.amazon.awssdk.services.verifiedpermissions.model.Decision;
import software.amazon.awssdk.services.verifiedpermissions.model.EntityItem;
import software.amazon.awssdk.services.verifiedpermissions.model.IsAuthorizedRequest;
import software.amazon.awssdk.services.verifiedpermissions.model.IsAuthorizedResponse;

/** The requests sent to Verified Permissions, checked at the SDK boundary with an in-memory client. */
class VerifiedPermissionsAuthorizerTest {

    private static final Caller MARIA = new Caller("sub-1", "maria", Set.of("FlowConfigRead"), Set.of("*"),
            Set.of("sales-*"), Set.of("+18005550100"));

    /** Records requests and answers ALLOW for the resource ids the predicate accepts. */
    private static final class RecordingClient implements VerifiedPermissionsClient {
        final List<IsAuthorizedRequest> single = new ArrayList<>();
        final List<BatchIsAuthorizedRequest> batches = new ArrayList<>();
        final Predicate<String> allow;
        boolean fail;

        RecordingClient(Predicate<String> allow) {
            this.allow = allow;
        }

        @Override
        public IsAuthorizedResponse isAuthorized(IsAuthorizedRequest request) {
            if (fail) {
                throw SdkClientException.create("connection reset");
            }
            single.add(request);
            return IsAuthorizedResponse.builder().decision(allow.test(request.resource().entityId())
                    ? Decision.ALLOW : Decision.DENY).build();
        }

        @Override
        public BatchIsAuthorizedResponse batchIsAuthorized(BatchIsAuthorizedRequest request) {
            if (fail) {
                throw SdkClientException.create("connection reset");
            }
            batches.add(request);
            return BatchIsAuthorizedResponse.builder().results(request.requests().stream()
                    .map(item -> BatchIsAuthorizedOutputItem.builder().request(item)
                            .decision(allow.test(item.resource().entityId()) ? Decision.ALLOW : Decision.DENY)
                            .build())
                    .toList()).build();
        }

        @Override
        public String serviceName() {
            return "verifiedpermissions";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void isAuthorizedSendsTheCallerAndTheConfigAsEntitiesWithTheirScopes() {
        RecordingClient client = new RecordingClient(id -> true);

        assertTrue(new VerifiedPermissionsAuthorizer(client, "PSEXAMPLE").isAllowed(MARIA,
                FlowConfigAction.UPDATE_VALUES, "sales-eu"));

        IsAuthorizedRequest request = client.single.get(0);
        assertEquals("PSEXAMPLE", request.policyStoreId());
        assertEquals("ConnectConfig::User", request.principal().entityType());
        assertEquals("sub-1", request.principal().entityId());
        assertEquals("ConnectConfig::Action", request.action().actionType());
        assertEquals("UpdateValues", request.action().actionId());
        assertEquals("ConnectConfig::FlowConfig", request.resource().entityType());
        assertEquals("sales-eu", request.resource().entityId());

        List<EntityItem> entities = request.entities().entityList();
        assertEquals(2, entities.size());
        Map<String, AttributeValue> user = entities.get(0).attributes();
        assertEquals(List.of(AttributeValue.fromString("*")), user.get("readScopes").set());
        assertEquals(List.of(AttributeValue.fromString("sales-*")), user.get("editScopes").set());
        assertEquals(List.of(AttributeValue.fromString("+18005550100")), user.get("fullScopes").set());
        assertEquals("sales-eu", entities.get(1).identifier().entityId());
        assertEquals(Scopes.keysOf("sales-eu"), Set.copyOf(entities.get(1).attributes().get("scopes").set().stream()
                .map(AttributeValue::string).toList()));
    }

    @Test
    void aDenyIsNotAllowed() {
        assertFalse(new VerifiedPermissionsAuthorizer(new RecordingClient(id -> false), "PS").isAllowed(MARIA,
                FlowConfigAction.DELETE, "x"));
    }

    @Test
    void listsAreJudgedInBatchesOfThirtyForOnePrincipal() {
        RecordingClient client = new RecordingClient(id -> id.endsWith("0"));
        List<String> ids = IntStream.range(0, 65).mapToObj(i -> "queue-" + i).toList();

        Set<String> allowed = new VerifiedPermissionsAuthorizer(client, "PS").allowed(MARIA, FlowConfigAction.READ,
                ids);

        assertEquals(List.of(30, 30, 5), client.batches.stream().map(b -> b.requests().size()).toList());
        for (BatchIsAuthorizedRequest batch : client.batches) {
            assertEquals("PS", batch.policyStoreId());
            assertTrue(batch.requests().stream().allMatch(r -> r.principal().entityId().equals("sub-1")
                    && r.action().actionId().equals("Read")));
            // the principal once, then each config of the batch
            assertEquals(batch.requests().size() + 1, batch.entities().entityList().size());
        }
        assertEquals(Set.of("queue-0", "queue-10", "queue-20", "queue-30", "queue-40", "queue-50", "queue-60"),
                allowed);
    }

    @Test
    void theActionsOfOneWriteAreAskedInOneBatch() {
        RecordingClient client = new RecordingClient(id -> id.equals("sales-emea"));
        VerifiedPermissionsAuthorizer authorizer = new VerifiedPermissionsAuthorizer(client, "PS");
        Set<FlowConfigAction> all = java.util.EnumSet.allOf(FlowConfigAction.class);

        assertEquals(all, authorizer.permitted(MARIA, "sales-emea", all));
        assertEquals(Set.of(), authorizer.permitted(MARIA, "support", all));

        assertEquals(List.of(), client.single);
        assertEquals(2, client.batches.size());
        BatchIsAuthorizedRequest batch = client.batches.get(0);
        assertEquals(List.of("Read", "Create", "UpdateValues", "UpdateStructure", "Delete", "Restore"),
                batch.requests().stream().map(r -> r.action().actionId()).toList());
        assertTrue(batch.requests().stream().allMatch(r -> r.principal().entityId().equals("sub-1")
                && r.resource().entityId().equals("sales-emea")));
        // the principal and the config, once each
        assertEquals(2, batch.entities().entityList().size());
    }

    @Test
    void whenVerifiedPermissionsFailsTheRequestFailsWith503NeverAllows() {
        RecordingClient client = new RecordingClient(id -> true);
        client.fail = true;
        VerifiedPermissionsAuthorizer authorizer = new VerifiedPermissionsAuthorizer(client, "PS");

        ApiException single = assertThrows(ApiException.class,
                () -> authorizer.isAllowed(MARIA, FlowConfigAction.READ, "x"));
        ApiException batch = assertThrows(ApiException.class,
                () -> authorizer.allowed(MARIA, FlowConfigAction.READ, List.of("x")));

        assertEquals(503, single.status());
        assertEquals("AUTHORIZATION_UNAVAILABLE", batch.code());
        assertFalse(single.getMessage().contains("connection reset"));
    }
}
