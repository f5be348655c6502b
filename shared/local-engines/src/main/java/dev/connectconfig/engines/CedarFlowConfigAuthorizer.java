package dev.connectconfig.engines;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.connectconfig.api.auth.CalendarAction;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.CedarEntity;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.auth.FlowConfigEntities;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The policy store's schema and policies evaluated by the real Cedar engine (cedar-java), with the entities the
 * Verified Permissions authorizer sends, so tests and the local runner decide exactly as AWS does. Requests are
 * validated against the schema, so an entity the schema does not describe fails loudly instead of denying quietly.
 */
public final class CedarFlowConfigAuthorizer implements FlowConfigAuthorizer {

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final Schema schema;
    private final PolicySet policies;
    private final AtomicInteger decisions = new AtomicInteger();

    public CedarFlowConfigAuthorizer() {
        this(CedarPolicyFiles.schemaJson(), CedarPolicyFiles.policies());
    }

    public CedarFlowConfigAuthorizer(String schemaJson, Map<String, String> policiesByName) {
        try {
            this.schema = Schema.parse(Schema.JsonOrCedar.Json, schemaJson);
        } catch (Exception e) {
            throw new IllegalStateException("the Cedar schema does not parse", e);
        }
        Set<Policy> set = new HashSet<>();
        policiesByName.forEach((name, text) -> set.add(new Policy(text, name)));
        this.policies = new PolicySet(set);
    }

    /** Cedar's strict validation of every policy against the schema. */
    public ValidationResponse validatePolicies() {
        try {
            return engine.validate(new ValidationRequest(schema, policies));
        } catch (AuthException e) {
            throw new IllegalStateException("Cedar could not validate the policies", e);
        }
    }

    /** How many decisions Cedar made, so a test can see a list was filtered by the engine. */
    public int decisions() {
        return decisions.get();
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
        Decision decision = decide(principal, actionId, resource, List.of(principal, resource));
        if (decision.failure() != null) {
            throw new IllegalStateException("Cedar refused the request: " + decision.failure());
        }
        return decision.allowed();
    }

    /** Cedar's answer: allowed or not, the policies that decided, or why Cedar could not decide. */
    public record Decision(boolean allowed, Set<String> determiningPolicies, String failure) {
    }

    /**
     * Any request of the policy store's model, with the entities a caller sent, as Verified Permissions evaluates
     * an {@code IsAuthorized} call (the local runner's Verified Permissions endpoint answers through this).
     */
    public Decision decide(CedarEntity principal, String actionId, CedarEntity resource,
            Collection<CedarEntity> entities) {
        AuthorizationRequest request = new AuthorizationRequest(uid(principal.type(), principal.id()),
                uid(FlowConfigEntities.ACTION, actionId), uid(resource.type(), resource.id()),
                Optional.of(Map.of()), Optional.of(schema), true);
        Set<Entity> cedarEntities = new HashSet<>();
        entities.forEach(entity -> cedarEntities.add(entity(entity)));
        try {
            AuthorizationResponse response = engine.isAuthorized(request, policies, cedarEntities);
            decisions.incrementAndGet();
            if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
                return new Decision(false, Set.of(), String.valueOf(response.errors.orElse(null)));
            }
            return new Decision(response.success.get().isAllowed(), response.success.get().getReason(), null);
        } catch (AuthException e) {
            return new Decision(false, Set.of(), e.getMessage());
        }
    }

    @Override
    public Set<String> allowed(Caller caller, FlowConfigAction action, List<String> configIds) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String id : configIds) {
            if (isAllowed(caller, action, id)) {
                allowed.add(id);
            }
        }
        return allowed;
    }

    private static EntityUID uid(String type, String id) {
        return EntityTypeName.parse(type).orElseThrow().of(id);
    }

    private static Entity entity(CedarEntity entity) {
        Map<String, Value> attributes = new HashMap<>();
        entity.attributes().forEach((name, values) -> attributes.put(name,
                new CedarList(values.stream().<Value>map(PrimString::new).toList())));
        return new Entity(uid(entity.type(), entity.id()), attributes, Set.of());
    }
}
