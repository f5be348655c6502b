package dev.connectconfig.grants;

import static dev.connectconfig.testing.CustomResourceResponseServer.withProperty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.testing.CustomResourceResponseServer;
import dev.connectconfig.testing.TestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    private InMemoryLakeFormation lakeFormation;
    private CustomResourceResponseServer cloudFormation;
    private GrantPermissionsHandler handler;

    @BeforeEach
    void start() {
        lakeFormation = new InMemoryLakeFormation();
        cloudFormation = CustomResourceResponseServer.start();
        handler = new GrantPermissionsHandler(new GrantReconciler(new LakeFormationGrants(lakeFormation)));
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
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

    private JsonNode send(CloudFormationCustomResourceEvent event) {
        handler.handleRequest(event, new TestContext("GrantPermissions"));
        return cloudFormation.awaitBody();
    }

    private JsonNode send(String file) {
        return send(event(file));
    }

    private List<String> ids(List<BatchPermissionsRequestEntry> entries) {
        return entries.stream().map(BatchPermissionsRequestEntry::id).toList();
    }

    @Test
    void createGrantsDatabaseLinksAndTargetsInBatchesOfTwenty() {
        JsonNode body = send("create.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
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
        send("create.json");

        List<ListPermissionsRequest> checks = lakeFormation.requests(ListPermissionsRequest.class);
        assertTrue(checks.stream().allMatch(r -> EXPORT_ROLE.equals(r.principal().dataLakePrincipalIdentifier())));
        assertEquals(47, checks.stream().map(ListPermissionsRequest::resource).distinct().count());
    }

    @Test
    void entriesAlreadyGrantedCountAsSuccess() {
        lakeFormation.existing(EXPORT_ROLE, DATABASE, Permission.DESCRIBE);
        lakeFormation.existing(EXPORT_ROLE, target("users"), Permission.SELECT, Permission.DESCRIBE);

        JsonNode body = send("create.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(47, body.path("Data").path("GrantsInEffect").asInt());
    }

    @Test
    void realPerEntryErrorsFailTheResourceNamingTheEntries() {
        lakeFormation.refuse("target:users", "AccessDeniedException");
        lakeFormation.refuse("link:bot_slots_link", "EntityNotFoundException");

        JsonNode body = send("create.json");

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

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().startsWith("Lake Formation does not show 1 of 47 grants for "
                + EXPORT_ROLE + " after granting: link:users_link."), body.path("Reason").asText());
    }

    @Test
    void updateGrantsWhatIsNewAndRevokesWhatWasRemoved() {
        send("create.json");
        int grantCalls = lakeFormation.requests(BatchGrantPermissionsRequest.class).size();

        JsonNode body = send("update.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
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
        send("create.json");
        int grantCalls = lakeFormation.requests(BatchGrantPermissionsRequest.class).size();
        JsonNode body = send(cloudFormation.unchangedUpdate(EVENTS));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(0, body.path("Data").path("Granted").asInt());
        assertEquals(grantCalls, lakeFormation.requests(BatchGrantPermissionsRequest.class).size());
        assertTrue(lakeFormation.requests(BatchRevokePermissionsRequest.class).isEmpty());
    }

    @Test
    void anUpdateRegrantsAPermissionRevokedOutsideCloudFormation() {
        send("create.json");
        lakeFormation.batchRevokePermissions(r -> r.entries(new LakeFormationGrant("drift", EXPORT_ROLE,
                link("users_link"), List.of(Permission.DESCRIBE)).entry()));
        JsonNode body = send(cloudFormation.unchangedUpdate(EVENTS));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(1, body.path("Data").path("Granted").asInt());
        assertEquals(Set.of(Permission.DESCRIBE), lakeFormation.grantsOf(EXPORT_ROLE).get(link("users_link")));
    }

    @Test
    void thePrincipalIsAPropertyAndChangingItMovesTheGrants() {
        String analyst = "arn:aws:iam::123456789012:role/ContactCenterAnalyst";
        send("create.json");
        CloudFormationCustomResourceEvent update = cloudFormation.unchangedUpdate(EVENTS);
        withProperty(update, "PrincipalArn", analyst);

        JsonNode body = send(update);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(47, lakeFormation.grantsOf(analyst).size());
        assertTrue(lakeFormation.grantsOf(EXPORT_ROLE).isEmpty());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
    }

    @Test
    void deleteRevokesWhatItGrantedAndIsIdempotent() {
        send("create.json");
        send("update.json");

        JsonNode first = send("delete.json");
        JsonNode again = send("delete.json");

        assertEquals("SUCCESS", first.path("Status").asText(), first.toString());
        assertEquals(47, first.path("Data").path("Revoked").asInt());
        assertTrue(lakeFormation.grantsOf(EXPORT_ROLE).isEmpty());
        assertEquals("SUCCESS", again.path("Status").asText(), again.toString());
        assertEquals(PHYSICAL_ID, again.path("PhysicalResourceId").asText());
    }

    @Test
    void anInvalidPrincipalFailsBeforeAnyLakeFormationCall() {
        JsonNode body = send(withProperty(event("create.json"), "PrincipalArn", "UsersExportFunctionRole"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Property PrincipalArn: 'UsersExportFunctionRole' is not the ARN of an IAM role or user",
                body.path("Reason").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(lakeFormation.requests().isEmpty());
    }

    @Test
    void theRollbackDeleteOfACreateWithInvalidPropertiesSucceedsWithoutCalls() {
        JsonNode body = send(withProperty(event("delete.json"), "ProducerAccountId", null));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertTrue(lakeFormation.requests().isEmpty());
    }

    @Test
    void throttlingBeyondTheSdksRetriesFailsWithAdvice() {
        lakeFormation.faults().throttle();

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.contains("ThrottledException") && reason.contains("retry the deployment"), reason);
    }

    @Test
    void workStillRunningNearTheDeadlineIsAnsweredFailedBeforeTheFunctionTimesOut() throws Exception {
        lakeFormation.faults().hangUntil(new CountDownLatch(1));
        CloudFormationCustomResourceEvent delete = event("delete.json");
        TestContext context = new TestContext("GrantPermissions", 4_000);

        handler.handleRequest(delete, context);
        JsonNode body = cloudFormation.awaitBody();

        assertTrue(context.getRemainingTimeInMillis() > 0, "answered before the function's deadline");
        assertEquals("FAILED", body.path("Status").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(body.path("Reason").asText().startsWith("Timed out after "), body.path("Reason").asText());
        assertTrue(lakeFormation.faults().interrupted().await(5, TimeUnit.SECONDS),
                "the abandoned call was interrupted");
    }
}
