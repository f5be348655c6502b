package dev.connectconfig.grants;

import static dev.connectconfig.testing.CustomResourceResponseServer.withProperty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import dev.connectconfig.engines.StackResourceEndpoint;
import dev.connectconfig.platform.cloudformation.CloudFormationService;
import dev.connectconfig.platform.cloudformation.ResourceProperties;
import dev.connectconfig.testing.CloudFormationDelivery;
import dev.connectconfig.testing.CustomResourceResponseServer;
import dev.connectconfig.testing.TemplateEnvironment;
import dev.connectconfig.testing.TestContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.BatchGrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchRevokePermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.DatabaseResource;
import software.amazon.awssdk.services.lakeformation.model.ListPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.TableResource;

/**
 * The events in events/grant-permissions/ through the real handler entry point, against an in-memory Lake
 * Formation; what CloudFormation would receive is read from the body PUT to a local server standing in for the
 * pre-signed URL.
 */
class GrantPermissionsHandlerIT {

    private static final String EXPORT_ROLE =
            "arn:aws:iam::123456789012:role/connect-config-dev-UsersExportFunctionRole-1A2B3C4D5E6F";
    private static final String EVENTS = "events/grant-permissions";
    private static final String PHYSICAL_ID = "lake-formation-grants/connect-config-dev/AnalyticsGrants";
    private static final Resource DATABASE = Resource.builder()
            .database(DatabaseResource.builder().name("connect_analytics_consumer").build()).build();

    private static final String ANALYST = "arn:aws:iam::123456789012:role/ContactCenterAnalyst";

    private InMemoryLakeFormation lakeFormation;
    private CustomResourceResponseServer cloudFormation;
    /** CloudFormation's DescribeStackResource: holds what CloudFormation would while it sends each event. */
    private StackResourceEndpoint stacks;
    /** The function's environment, as the template last set it. */
    private Map<String, String> environment;

    @BeforeEach
    void start() {
        lakeFormation = new InMemoryLakeFormation();
        cloudFormation = CustomResourceResponseServer.start();
        stacks = StackResourceEndpoint.start();
        configureAs(event("create.json"));
    }

    /** The environment the template sets when its properties are {@code event}'s: the same values in both places. */
    private void configureAs(CloudFormationCustomResourceEvent event) {
        environment = TemplateEnvironment.of(event, GrantSpec.STACK_ID_VARIABLE, GrantSpec.VARIABLES.stream()
                .collect(Collectors.toMap(StackConfiguration.Variable::property,
                        StackConfiguration.Variable::variable)));
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
        stacks.close();
    }

    private static Resource link(String name) {
        return Resource.builder().table(TableResource.builder().databaseName("connect_analytics_consumer").name(name)
                .build()).build();
    }

    private static Resource target(String table) {
        return Resource.builder().table(TableResource.builder().catalogId("111122223333")
                .databaseName("connect_datalake").name(table).build()).build();
    }

    private CloudFormationCustomResourceEvent event(String file) {
        return cloudFormation.event(EVENTS + "/" + file);
    }

    private GrantPermissionsHandler handler() {
        return new GrantPermissionsHandler(new GrantReconciler(new LakeFormationGrants(lakeFormation),
                GrantSpec.configuration(environment::get)), CloudFormationService.local(stacks.endpoint(),
                URI.create(cloudFormation.url())));
    }

    /** The event as the function sees it with its current environment. */
    private JsonNode send(CloudFormationCustomResourceEvent event) {
        return CloudFormationDelivery.send(stacks, event, () -> forge(event));
    }

    /** The event sent by someone else than CloudFormation, which holds what it held. */
    private JsonNode forge(CloudFormationCustomResourceEvent event) {
        handler().handleRequest(event, new TestContext("GrantPermissions"));
        return cloudFormation.awaitBody();
    }

    /** What a deployment does: the function's environment gets the template's values first, then the event comes. */
    private JsonNode deploy(CloudFormationCustomResourceEvent event) {
        configureAs(event);
        return send(event);
    }

    private JsonNode deploy(String file) {
        return deploy(event(file));
    }

    /** {@code event} carrying the physical id of {@code previous}'s answer, as CloudFormation sends it. */
    private static CloudFormationCustomResourceEvent after(JsonNode previous, CloudFormationCustomResourceEvent event) {
        event.setPhysicalResourceId(previous.path("PhysicalResourceId").asText());
        return event;
    }

    private List<String> ids(List<BatchPermissionsRequestEntry> entries) {
        return entries.stream().map(BatchPermissionsRequestEntry::id).toList();
    }

    @Test
    void createGrantsDatabaseLinksAndTargetsInBatchesOfTwenty() {
        JsonNode body = deploy("create.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertTrue(body.path("PhysicalResourceId").asText().startsWith(PHYSICAL_ID + "/"),
                "the id records what was granted: " + body.path("PhysicalResourceId").asText());
        assertEquals(47, body.path("Data").path("GrantsInEffect").asInt(), "1 database + 23 links + 23 targets");
        assertEquals(EXPORT_ROLE, body.path("Data").path("PrincipalArn").asText());
        assertEquals(List.of(20, 20, 7), lakeFormation.grantBatchSizes());

        Map<Resource, Set<Permission>> granted = lakeFormation.grantsOf(EXPORT_ROLE);
        assertEquals(47, granted.size());
        assertEquals(Set.of(Permission.DESCRIBE), granted.get(DATABASE));
        assertEquals(Set.of(Permission.DESCRIBE), granted.get(link("users_link")));
        assertEquals(Set.of(Permission.SELECT, Permission.DESCRIBE), granted.get(target("users")),
                "granted on the target in the producer's catalog, with its catalog id");
    }

    @Test
    void afterGrantingEveryGrantIsCheckedWithListPermissions() {
        deploy("create.json");

        List<ListPermissionsRequest> checks = lakeFormation.requests(ListPermissionsRequest.class);
        assertTrue(checks.stream().allMatch(r -> EXPORT_ROLE.equals(r.principal().dataLakePrincipalIdentifier())));
        assertEquals(47, checks.stream().map(ListPermissionsRequest::resource).distinct().count());
    }

    @Test
    void entriesAlreadyGrantedCountAsSuccess() {
        lakeFormation.existing(EXPORT_ROLE, DATABASE, Permission.DESCRIBE);
        lakeFormation.existing(EXPORT_ROLE, target("users"), Permission.SELECT, Permission.DESCRIBE);

        JsonNode body = deploy("create.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(47, body.path("Data").path("GrantsInEffect").asInt());
        assertEquals(2, body.path("Data").path("AlreadyHeld").asInt());
        assertEquals(45, body.path("Data").path("Granted").asInt(), "only what was not in effect");
    }

    @Test
    void realPerEntryErrorsFailTheResourceNamingTheEntries() {
        lakeFormation.refuse("target:users", "AccessDeniedException");
        lakeFormation.refuse("link:bot_slots_link", "EntityNotFoundException");

        JsonNode body = deploy("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.startsWith("Lake Formation refused 2 of 47 grants to " + EXPORT_ROLE + ": "), reason);
        assertTrue(reason.contains("target:users (AccessDeniedException: Insufficient Lake Formation permission(s)"
                + " on users)"), reason);
        assertTrue(reason.contains("link:bot_slots_link (EntityNotFoundException"), reason);
        assertTrue(reason.contains("data lake administrator"), "says what to fix: " + reason);
    }

    @Test
    void aGrantThatDoesNotShowInListPermissionsFailsTheResource() {
        lakeFormation.dropSilently("link:users_link");

        JsonNode body = deploy("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().startsWith("Lake Formation does not show 1 of 47 grants for "
                + EXPORT_ROLE + " after granting: link:users_link."), body.path("Reason").asText());
    }

    @Test
    void updateGrantsWhatIsNewAndRevokesWhatWasRemoved() {
        JsonNode created = deploy("create.json");
        int grantCalls = lakeFormation.requests(BatchGrantPermissionsRequest.class).size();

        JsonNode body = deploy(after(created, event("update.json")));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertTrue(body.path("PhysicalResourceId").asText().startsWith(PHYSICAL_ID + "/"));
        assertEquals(2, body.path("Data").path("Granted").asInt());
        assertEquals(2, body.path("Data").path("Revoked").asInt());
        assertEquals(47, body.path("Data").path("GrantsInEffect").asInt());
        List<BatchGrantPermissionsRequest> grants = lakeFormation.requests(BatchGrantPermissionsRequest.class);
        assertEquals(grantCalls + 1, grants.size());
        assertEquals(List.of("link:intraday_forecasts_link", "target:intraday_forecasts"),
                ids(grants.get(grants.size() - 1).entries()));
        List<BatchRevokePermissionsRequest> revokes = lakeFormation.requests(BatchRevokePermissionsRequest.class);
        assertEquals(1, revokes.size());
        assertEquals(List.of("link:outbound_campaign_events_link", "target:outbound_campaign_events"),
                ids(revokes.get(0).entries()));
        Map<Resource, Set<Permission>> granted = lakeFormation.grantsOf(EXPORT_ROLE);
        assertFalse(granted.containsKey(target("outbound_campaign_events")));
        assertTrue(granted.containsKey(target("intraday_forecasts")));
    }

    @Test
    void aRedeployWithTheSameListGrantsAndRevokesNothing() {
        JsonNode created = deploy("create.json");
        int grantCalls = lakeFormation.requests(BatchGrantPermissionsRequest.class).size();
        JsonNode body = send(after(created, cloudFormation.unchangedUpdate(EVENTS)));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(0, body.path("Data").path("Granted").asInt());
        assertEquals(grantCalls, lakeFormation.requests(BatchGrantPermissionsRequest.class).size());
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
        assertEquals(created.path("PhysicalResourceId").asText(), body.path("PhysicalResourceId").asText(),
                "nothing changed, so the same record");
    }

    @Test
    void anUpdateRegrantsAPermissionRevokedOutsideCloudFormation() {
        JsonNode created = deploy("create.json");
        lakeFormation.batchRevokePermissions(r -> r.entries(new LakeFormationGrant("drift", EXPORT_ROLE,
                link("users_link"), List.of(Permission.DESCRIBE)).entry()));
        JsonNode body = send(after(created, cloudFormation.unchangedUpdate(EVENTS)));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(1, body.path("Data").path("Granted").asInt());
        assertEquals(Set.of(Permission.DESCRIBE), lakeFormation.grantsOf(EXPORT_ROLE).get(link("users_link")));
    }

    @Test
    void changingThePrincipalInTheTemplateGrantsTheNewOneAndLeavesTheOldOnesGrantsInPlace() {
        JsonNode created = deploy("create.json");
        CloudFormationCustomResourceEvent update = after(created, cloudFormation.unchangedUpdate(EVENTS));
        withProperty(update, "PrincipalArn", ANALYST);

        JsonNode body = deploy(update);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(47, lakeFormation.grantsOf(ANALYST).size());
        assertEquals(0, body.path("Data").path("Revoked").asInt());
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size(),
                "the old principal is named only by the event now, and an event never decides a revocation");
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
        assertTrue(body.path("PhysicalResourceId").asText().startsWith(PHYSICAL_ID + "/"));
    }

    @Test
    void deleteRevokesWhatItGrantedAndIsIdempotent() {
        JsonNode created = deploy("create.json");
        JsonNode updated = deploy(after(created, event("update.json")));

        JsonNode first = send(after(updated, event("delete.json")));
        JsonNode again = send(after(updated, event("delete.json")));

        assertEquals("SUCCESS", first.path("Status").asText(), first.toString());
        assertEquals(47, first.path("Data").path("Revoked").asInt());
        assertTrue(lakeFormation.grantsOf(EXPORT_ROLE).isEmpty());
        assertEquals("SUCCESS", again.path("Status").asText(), again.toString());
        assertEquals(updated.path("PhysicalResourceId").asText(), again.path("PhysicalResourceId").asText());
    }

    @Test
    void anInvalidPrincipalFailsBeforeAnyLakeFormationCall() {
        JsonNode body = deploy(withProperty(event("create.json"), "PrincipalArn", "UsersExportFunctionRole"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Property PrincipalArn: 'UsersExportFunctionRole' is not the ARN of an IAM role or user",
                body.path("Reason").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(lakeFormation.requests().isEmpty());
    }

    @Test
    void theRollbackDeleteOfACreateWithInvalidPropertiesSucceedsWithoutCalls() {
        JsonNode body = deploy(withProperty(event("delete.json"), "ProducerAccountId", null));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertTrue(lakeFormation.requests().isEmpty());
    }

    @Test
    void throttlingBeyondTheSdksRetriesFailsWithAdvice() {
        lakeFormation.faults().throttle();

        JsonNode body = deploy("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.contains("ThrottledException") && reason.contains("retry the deployment"), reason);
    }

    /** The deadline's answer is platform-kit's (GuardedCustomResourceHandlerTest); here, Lake Formation's interrupt. */
    @Test
    void workStillRunningNearTheDeadlineIsAnsweredFailedBeforeTheFunctionTimesOut() throws Exception {
        JsonNode created = deploy("create.json");
        lakeFormation.faults().hangUntil(new CountDownLatch(1));
        CloudFormationCustomResourceEvent delete = after(created, withProperty(event("delete.json"), "Tables",
                event("create.json").getResourceProperties().get("Tables")));
        GrantPermissionsHandler handler = handler();
        TestContext context = new TestContext("GrantPermissions", 12_000);
        CloudFormationDelivery.holdInProgress(stacks, delete);

        handler.handleRequest(delete, context);
        JsonNode body = cloudFormation.awaitBody();

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(lakeFormation.faults().interrupted().await(5, TimeUnit.SECONDS),
                "the abandoned call was interrupted");
    }

    // ---- Forged events: whoever may invoke the function cannot make it grant or revoke anything else.

    @Test
    void aForgedCreateForAnotherPrincipalIsRefusedAndChangesNothing() {
        JsonNode body = send(withProperty(event("create.json"), "PrincipalArn",
                "arn:aws:iam::123456789012:role/Intruder"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(body.path("Reason").asText().startsWith("Refused: PrincipalArn must equal what the template sets"
                + " in this function's environment"), body.path("Reason").asText());
        assertTrue(lakeFormation.requests().isEmpty(), "not one Lake Formation call");
    }

    @Test
    void aForgedCreateForOtherTablesIsRefusedAndChangesNothing() {
        JsonNode body = send(withProperty(event("create.json"), "Tables", List.of("contact_record", "payroll")));

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().startsWith("Refused: Tables must equal"), body.path("Reason").asText());
        assertTrue(lakeFormation.requests().isEmpty());
    }

    @Test
    void aForgedUpdateNamingAnotherProducerIsRefusedAndChangesNothing() {
        JsonNode created = deploy("create.json");
        int calls = lakeFormation.requests().size();

        CloudFormationCustomResourceEvent forged = after(created, withProperty(cloudFormation.unchangedUpdate(EVENTS),
                "ProducerAccountId", "999999999999"));
        forged.setOldResourceProperties(forged.getResourceProperties());

        JsonNode body = send(forged);

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().startsWith("Refused: ProducerAccountId must equal"),
                body.path("Reason").asText());
        assertEquals(calls, lakeFormation.requests().size());
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size());
    }

    /** The guard itself (any request type, its exact reason) is platform-kit's; here, the stack id GrantSpec reads. */
    @Test
    void eventsFromAnotherStackAreNotAnsweredAndChangeNothing() {
        JsonNode created = deploy("create.json");
        int calls = lakeFormation.requests().size();
        CloudFormationCustomResourceEvent create = event("create.json");
        create.setStackId("arn:aws:cloudformation:us-east-1:123456789012:stack/other/0a0b0c0d");

        handler().handleRequest(create, new TestContext("GrantPermissions"));

        assertEquals(0, cloudFormation.pending(), "no answer to another stack's event");
        assertEquals(calls, lakeFormation.requests().size());
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size());
    }

    @Test
    void aForgedDeleteForAnotherPrincipalRevokesNothing() {
        lakeFormation.existing(ANALYST, target("contact_record"), Permission.SELECT, Permission.DESCRIBE);
        JsonNode created = deploy("create.json");

        JsonNode body = send(after(created, withProperty(event("delete.json"), "PrincipalArn", ANALYST)));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(0, body.path("Data").path("Revoked").asInt());
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
        assertEquals(Set.of(Permission.SELECT, Permission.DESCRIBE), lakeFormation.grantsOf(ANALYST)
                .get(target("contact_record")));
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size());
    }

    /** A record claiming every configured permission: what a forger would write. */
    private static String recordOfEverything(GrantSpec spec) {
        Map<String, Set<Permission>> everything = new java.util.LinkedHashMap<>();
        spec.grants().forEach(grant -> everything.put(grant.id(), Set.copyOf(grant.permissions())));
        return GrantRecord.physicalId(PHYSICAL_ID, spec, everything);
    }

    private CloudFormationCustomResourceEvent configuredDelete() {
        return withProperty(event("delete.json"), "Tables", event("create.json").getResourceProperties().get("Tables"));
    }

    @Test
    void aForgedDeleteWithAHandMadeRecordRevokesNothingAnAdministratorGranted() {
        lakeFormation.existing(EXPORT_ROLE, target("contact_record"), Permission.SELECT, Permission.DESCRIBE);
        deploy("create.json");
        CloudFormationCustomResourceEvent forged = configuredDelete();
        forged.setPhysicalResourceId(recordOfEverything(GrantSpec.from(ResourceProperties.of(
                event("create.json").getResourceProperties()))));

        JsonNode body = forge(forged);

        // An id CloudFormation does not hold looks like a replaced resource's cleanup: answered, trusted for nothing.
        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(0, body.path("Data").path("Revoked").asInt());
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
        assertEquals(Set.of(Permission.SELECT, Permission.DESCRIBE), lakeFormation.grantsOf(EXPORT_ROLE)
                .get(target("contact_record")), "the administrator's grant from before the stack");
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size());
        StackResourceEndpoint.Described asked = stacks.requests().getLast();
        assertEquals(new StackResourceEndpoint.Described("DescribeStackResource", "2010-05-15", forged.getStackId(),
                "AnalyticsGrants"), asked, "asked about the event's stack and logical id");
    }

    @Test
    void aForgedUpdateWhoseOldPropertiesAddATableRevokesNothingOnIt() {
        lakeFormation.existing(EXPORT_ROLE, target("payroll"), Permission.SELECT, Permission.DESCRIBE);
        lakeFormation.existing(EXPORT_ROLE, link("payroll_link"), Permission.DESCRIBE);
        deploy("create.json");
        CloudFormationCustomResourceEvent forged = cloudFormation.unchangedUpdate(EVENTS);
        Map<String, Object> old = new java.util.HashMap<>(forged.getResourceProperties());
        List<Object> tables = new java.util.ArrayList<>((List<?>) old.get("Tables"));
        tables.add("payroll");
        old.put("Tables", tables);
        forged.setOldResourceProperties(old);
        forged.setPhysicalResourceId(recordOfEverything(GrantSpec.from(ResourceProperties.of(old))));

        JsonNode body = forge(forged);

        assertEquals("FAILED", body.path("Status").asText(), body.toString());
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
        assertEquals(Set.of(Permission.SELECT, Permission.DESCRIBE), lakeFormation.grantsOf(EXPORT_ROLE)
                .get(target("payroll")), "a table the template never names");
        assertEquals(Set.of(Permission.DESCRIBE), lakeFormation.grantsOf(EXPORT_ROLE).get(link("payroll_link")));
    }

    @Test
    void aDeleteOfTheStacksOwnGrantsOutsideCloudFormationIsRefused() {
        JsonNode created = deploy("create.json");

        JsonNode body = forge(after(created, configuredDelete()));

        assertEquals("FAILED", body.path("Status").asText(), body.toString());
        assertEquals("Refused: CloudFormation is not deleting resource AnalyticsGrants (it is CREATE_COMPLETE)."
                + " Nothing was changed.", body.path("Reason").asText());
        assertEquals(created.path("PhysicalResourceId").asText(), body.path("PhysicalResourceId").asText());
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size());
    }

    @Test
    void anAnswerIsNeverSentToAUrlOtherThanCloudFormations() {
        try (CustomResourceResponseServer elsewhere = CustomResourceResponseServer.start()) {
            CloudFormationCustomResourceEvent create = event("create.json");
            create.setResponseUrl(elsewhere.url());

            handler().handleRequest(create, new TestContext("GrantPermissions"));

            assertEquals(0, elsewhere.pending(), "nothing PUT to " + create.getResponseUrl());
            assertEquals(0, cloudFormation.pending());
        }
    }

    // ---- Nothing the stack did not grant is ever revoked.

    @Test
    void aRoleThatHadSelectOnContactRecordBeforeTheStackKeepsItAfterTheStackIsDeleted() {
        lakeFormation.existing(EXPORT_ROLE, target("contact_record"), Permission.SELECT, Permission.DESCRIBE);
        lakeFormation.existing(EXPORT_ROLE, link("users_link"), Permission.DESCRIBE);
        lakeFormation.existing(EXPORT_ROLE, target("users"), Permission.SELECT);

        JsonNode created = deploy("create.json");
        JsonNode deleted = send(after(created, withProperty(event("delete.json"), "Tables",
                event("create.json").getResourceProperties().get("Tables"))));

        assertEquals("SUCCESS", deleted.path("Status").asText(), deleted.toString());
        assertEquals(3, created.path("Data").path("AlreadyHeld").asInt(), "contact_record and users_link in"
                + " full, users' target in part");
        assertEquals(Map.of(target("contact_record"), Set.of(Permission.SELECT, Permission.DESCRIBE),
                link("users_link"), Set.of(Permission.DESCRIBE),
                target("users"), Set.of(Permission.SELECT)), lakeFormation.grantsOf(EXPORT_ROLE),
                "exactly what the role held before; the DESCRIBE the stack added on users is gone");
    }

    @Test
    void anUpdateRevokesOnlyWhatThisResourceGranted() {
        lakeFormation.existing(EXPORT_ROLE, target("outbound_campaign_events"), Permission.SELECT,
                Permission.DESCRIBE);
        JsonNode created = deploy("create.json");

        JsonNode body = deploy(after(created, event("update.json")));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(1, body.path("Data").path("Revoked").asInt());
        List<BatchRevokePermissionsRequest> revokes = lakeFormation.requests(BatchRevokePermissionsRequest.class);
        assertEquals(List.of("link:outbound_campaign_events_link"), ids(revokes.get(0).entries()));
        assertEquals(Set.of(Permission.SELECT, Permission.DESCRIBE), lakeFormation.grantsOf(EXPORT_ROLE)
                .get(target("outbound_campaign_events")));
    }

    @Test
    void theRollbackOfAFailedCreateRevokesOnlyWhatItGranted() {
        lakeFormation.existing(EXPORT_ROLE, target("contact_record"), Permission.SELECT, Permission.DESCRIBE);
        lakeFormation.refuse("link:bot_slots_link", "AccessDeniedException");

        JsonNode failed = deploy("create.json");
        JsonNode rollback = send(after(failed, withProperty(event("delete.json"), "Tables",
                event("create.json").getResourceProperties().get("Tables"))));

        assertEquals("FAILED", failed.path("Status").asText());
        assertEquals("SUCCESS", rollback.path("Status").asText(), rollback.toString());
        assertEquals(Map.of(target("contact_record"), Set.of(Permission.SELECT, Permission.DESCRIBE)),
                lakeFormation.grantsOf(EXPORT_ROLE), "what the failed Create granted is revoked, nothing else");
    }

    @Test
    void theDeleteOfTheIdAnUpdateReplacedRevokesNothingTheNewIdHolds() {
        JsonNode created = deploy("create.json");
        JsonNode updated = deploy(after(created, event("update.json")));
        CloudFormationCustomResourceEvent cleanup = after(created, event("delete.json"));
        cleanup.setResourceProperties(event("create.json").getResourceProperties());

        JsonNode body = send(cleanup);

        assertTrue(!created.path("PhysicalResourceId").asText().equals(updated.path("PhysicalResourceId").asText()));
        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(0, body.path("Data").path("Revoked").asInt());
        assertEquals(47, lakeFormation.grantsOf(EXPORT_ROLE).size());
    }

    @Test
    void anUpdateWithTheSameConfigurationKeepsThePhysicalIdEvenWhenItRegrantsWhatWasHeldBefore() {
        lakeFormation.existing(EXPORT_ROLE, target("users"), Permission.SELECT, Permission.DESCRIBE);
        JsonNode created = deploy("create.json");
        lakeFormation.batchRevokePermissions(r -> r.entries(new LakeFormationGrant("drift", EXPORT_ROLE,
                target("users"), List.of(Permission.SELECT, Permission.DESCRIBE)).entry()));

        JsonNode body = send(after(created, cloudFormation.unchangedUpdate(EVENTS)));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(1, body.path("Data").path("Granted").asInt(), "the export needs it, so it is granted again");
        assertEquals(created.path("PhysicalResourceId").asText(), body.path("PhysicalResourceId").asText(),
                "a new id would make CloudFormation delete the old one with properties that still agree");
    }
}
