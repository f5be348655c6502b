package dev.connectconfig.resourcelinks;

import static dev.connectconfig.testing.CustomResourceResponseServer.withProperty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.shared.datalake.ConnectDataLake;
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
import software.amazon.awssdk.services.glue.model.BatchDeleteTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableIdentifier;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * The events in events/resource-link-creator/ through the real handler entry point, against an in-memory Glue; what
 * CloudFormation would receive is read from the body PUT to a local server standing in for the pre-signed URL.
 */
class ResourceLinkCreatorHandlerIT {

    private static final String EVENTS = "events/resource-link-creator";
    private static final String PHYSICAL_ID =
            "resource-links/connect-config-dev/AnalyticsResourceLinks/connect_analytics_consumer";
    private static final List<String> FIRST_LINKS = List.of("users_link", "contact_record_link",
            "agent_queue_statistic_record_link", "routing_profiles_link");

    private InMemoryGlue glue;
    private CustomResourceResponseServer cloudFormation;
    private ResourceLinkCreatorHandler handler;

    @BeforeEach
    void start() {
        glue = InMemoryGlue.withDataLake(ConnectDataLake.DEFAULT_TABLES);
        cloudFormation = CustomResourceResponseServer.start();
        handler = new ResourceLinkCreatorHandler(new ResourceLinkReconciler(new GlueResourceLinks(glue)));
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
    }

    private JsonNode send(CloudFormationCustomResourceEvent event) {
        handler.handleRequest(event, new TestContext("ResourceLinkCreator"));
        return cloudFormation.awaitBody();
    }

    private JsonNode send(String file) {
        return send(event(file));
    }

    private CloudFormationCustomResourceEvent event(String file) {
        return cloudFormation.event(EVENTS + "/" + file);
    }

    @Test
    void firstCreateMakesOneLinkPerTableAndAnswersSuccess() {
        JsonNode body = send("create.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertEquals("2f6c1b1e-7d4a-4c8e-9a57-3c1d0e9b6a11", body.path("RequestId").asText());
        assertEquals("AnalyticsResourceLinks", body.path("LogicalResourceId").asText());
        assertTrue(body.path("StackId").asText().endsWith(
                "stack/connect-config-dev/5b2c3e60-1f2a-11ef-9c1e-0a1b2c3d4e5f"));
        JsonNode data = body.path("Data");
        assertEquals(4, data.path("Created").asInt());
        assertEquals(0, data.path("Updated").asInt());
        assertEquals(0, data.path("Deleted").asInt());
        assertEquals(String.join(",", FIRST_LINKS), data.path("LinkNames").asText());
        assertEquals("users,contact_record,agent_queue_statistic_record,routing_profiles",
                data.path("LinkedTables").asText());

        assertEquals(Set.copyOf(FIRST_LINKS), glue.consumerTables().keySet());
        Table users = glue.consumerTable("users_link");
        assertEquals(TableIdentifier.builder().catalogId("111122223333").databaseName("connect_datalake")
                .name("users").build(), users.targetTable());
        assertEquals("EXTERNAL_TABLE", users.tableType());
        Table target = glue.tables(InMemoryGlue.PRODUCER_ACCOUNT, InMemoryGlue.PRODUCER_DATABASE).get("users");
        assertEquals(target.storageDescriptor().columns(), users.storageDescriptor().columns(),
                "the link carries the target's schema for the console and Athena");
        assertEquals(target.partitionKeys(), users.partitionKeys());
        assertEquals(PHYSICAL_ID, users.parameters().get(ResourceLinkMarker.PARAMETER));
        assertEquals(4, glue.requests(CreateTableRequest.class).size());
    }

    @Test
    void createReadsEachDatabaseOnceThroughPaginatedGetTables() {
        send("create.json");

        List<GetTablesRequest> reads = glue.requests(GetTablesRequest.class);
        // 24 producer tables in pages of 5 (5 calls), the empty consumer database (1 call); no GetTable per table
        long producerPages = reads.stream().filter(r -> "111122223333".equals(r.catalogId())).count();
        long consumerPages = reads.stream().filter(r -> r.catalogId() == null).count();
        assertEquals(5, producerPages);
        assertEquals(1, consumerPages);
        assertEquals(reads.size(), glue.requests().size() - glue.writeCalls());
    }

    @Test
    void aRedeployWithTheSameListMakesNoWriteCall() {
        send("create.json");
        int writesAfterCreate = glue.writeCalls();
        Map<String, Table> before = glue.consumerTables();

        JsonNode body = send(cloudFormation.unchangedUpdate(EVENTS));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertEquals(4, body.path("Data").path("Unchanged").asInt());
        assertEquals(0, body.path("Data").path("Created").asInt());
        assertEquals(writesAfterCreate, glue.writeCalls(), "no CreateTable, UpdateTable or BatchDeleteTable");
        assertEquals(before, glue.consumerTables());
    }

    @Test
    void addingAndRemovingATableTouchesOnlyThoseLinks() {
        send("create.json");
        Table usersBefore = glue.consumerTable("users_link");

        JsonNode body = send("update.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        JsonNode data = body.path("Data");
        assertEquals(1, data.path("Created").asInt());
        assertEquals(1, data.path("Deleted").asInt());
        assertEquals(3, data.path("Unchanged").asInt());
        assertEquals("users_link,contact_record_link,routing_profiles_link,agent_hierarchy_groups_link",
                data.path("LinkNames").asText());
        List<CreateTableRequest> creates = glue.requests(CreateTableRequest.class);
        assertEquals("agent_hierarchy_groups_link", creates.get(creates.size() - 1).tableInput().name());
        assertEquals(5, creates.size(), "4 on create, 1 on update");
        assertEquals(List.of("agent_queue_statistic_record_link"),
                glue.requests(BatchDeleteTableRequest.class).get(0).tablesToDelete());
        assertTrue(glue.requests(UpdateTableRequest.class).isEmpty());
        assertTrue(usersBefore == glue.consumerTable("users_link"), "an unchanged link is never rewritten");
        assertEquals(Set.of("users_link", "contact_record_link", "routing_profiles_link",
                "agent_hierarchy_groups_link"), glue.consumerTables().keySet());
    }

    @Test
    void aLinkPointingAtTheWrongTargetIsFixedInPlace() {
        send("create.json");
        Table users = glue.consumerTable("users_link");
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, users.toBuilder().targetTable(TableIdentifier.builder()
                .catalogId("999999999999").databaseName("connect_datalake").name("users").build()).build());

        JsonNode body = send(cloudFormation.unchangedUpdate(EVENTS));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(1, body.path("Data").path("Updated").asInt());
        assertEquals(3, body.path("Data").path("Unchanged").asInt());
        List<UpdateTableRequest> updates = glue.requests(UpdateTableRequest.class);
        assertEquals(1, updates.size());
        assertEquals("users_link", updates.get(0).tableInput().name());
        assertEquals("111122223333", glue.consumerTable("users_link").targetTable().catalogId());
        assertEquals(4, glue.requests(CreateTableRequest.class).size(), "fixed in place, not recreated");
        assertTrue(glue.requests(BatchDeleteTableRequest.class).isEmpty());
    }

    @Test
    void missingProducerTablesAreNamedAndNothingIsWritten() {
        glue.removeProducerTable("routing_profiles");
        glue.removeProducerTable("agent_queue_statistic_record");

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.contains("agent_queue_statistic_record, routing_profiles"), reason);
        assertTrue(reason.contains("111122223333.connect_datalake"), reason);
        assertTrue(reason.contains("MissingTables"), "says how to go on: " + reason);
        assertEquals(0, glue.writeCalls());
    }

    @Test
    void withMissingTablesSkipTheRestAreLinkedAndTheMissingReported() {
        glue.removeProducerTable("routing_profiles");
        JsonNode body = send(withProperty(event("create.json"), "MissingTables", "skip"));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(3, body.path("Data").path("Created").asInt());
        assertEquals("routing_profiles", body.path("Data").path("MissingTables").asText());
        assertFalse(body.path("Data").path("LinkedTables").asText().contains("routing_profiles"));
        assertNull(glue.consumerTable("routing_profiles_link"));
    }

    @Test
    void aTableThisStackDidNotMakeIsNeverOverwrittenOrDeleted() {
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, Table.builder().name("users_link")
                .databaseName(InMemoryGlue.CONSUMER_DATABASE).tableType("EXTERNAL_TABLE").build());

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().contains("users_link (a table, not a resource link)"),
                body.path("Reason").asText());
        assertEquals(0, glue.writeCalls());
        assertNull(glue.consumerTable("users_link").targetTable());
    }

    @Test
    void aRightLinkMadeByAnOlderScriptIsUsedButNotDeleted() {
        Table scripted = Table.builder().name("users_link").databaseName(InMemoryGlue.CONSUMER_DATABASE)
                .targetTable(TableIdentifier.builder().catalogId("111122223333").databaseName("connect_datalake")
                        .name("users").build()).build();
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, scripted);

        JsonNode created = send("create.json");
        JsonNode deleted = send("delete.json");

        assertEquals(3, created.path("Data").path("Created").asInt());
        assertEquals(1, created.path("Data").path("Unchanged").asInt());
        assertEquals("SUCCESS", deleted.path("Status").asText());
        assertEquals(3, deleted.path("Data").path("Deleted").asInt());
        assertEquals(Set.of("users_link"), glue.consumerTables().keySet());
    }

    @Test
    void deleteRemovesOnlyTheLinksThisResourceMade() {
        send("create.json");
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, Table.builder().name("agent_notes")
                .databaseName(InMemoryGlue.CONSUMER_DATABASE).build());
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, Table.builder().name("bot_intents_link")
                .databaseName(InMemoryGlue.CONSUMER_DATABASE)
                .parameters(Map.of(ResourceLinkMarker.PARAMETER, "resource-links/other-stack/Links/x")).build());

        JsonNode body = send("delete.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertEquals(4, body.path("Data").path("Deleted").asInt());
        assertEquals(Set.of("agent_notes", "bot_intents_link"), glue.consumerTables().keySet());
        assertEquals(Set.copyOf(FIRST_LINKS),
                Set.copyOf(glue.requests(BatchDeleteTableRequest.class).get(0).tablesToDelete()));
    }

    @Test
    void deleteSucceedsWhenTheLinksOrTheDatabaseAreAlreadyGone() {
        send("create.json");
        JsonNode first = send("delete.json");
        JsonNode again = send("delete.json");
        glue.dropConsumerDatabase();
        JsonNode databaseGone = send("delete.json");

        assertEquals(4, first.path("Data").path("Deleted").asInt());
        assertEquals("SUCCESS", again.path("Status").asText());
        assertEquals(0, again.path("Data").path("Deleted").asInt());
        assertEquals("SUCCESS", databaseGone.path("Status").asText(), databaseGone.toString());
        assertEquals(PHYSICAL_ID, databaseGone.path("PhysicalResourceId").asText());
    }

    @Test
    void invalidPropertiesFailBeforeAnyGlueCall() {
        JsonNode body = send(withProperty(event("create.json"), "ProducerAccountId", "11112222"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Property ProducerAccountId: '11112222' is not a 12-digit AWS account id (the account that"
                + " owns the Connect instance's data lake)", body.path("Reason").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(glue.requests().isEmpty());
    }

    @Test
    void rollbackOfACreateThatNeverHadADatabaseDeletesNothingAndSucceeds() {
        JsonNode failed = send(withProperty(event("create.json"), "ConsumerDatabase", null));
        CloudFormationCustomResourceEvent rollback = withProperty(event("delete.json"), "ConsumerDatabase", null);
        rollback.setPhysicalResourceId(failed.path("PhysicalResourceId").asText());

        JsonNode body = send(rollback);

        assertEquals("FAILED", failed.path("Status").asText());
        assertEquals("resource-links/connect-config-dev/AnalyticsResourceLinks",
                failed.path("PhysicalResourceId").asText());
        assertEquals("SUCCESS", body.path("Status").asText());
        assertTrue(glue.requests().isEmpty());
    }

    @Test
    void aMissingConsumerDatabaseIsNamed() {
        glue.dropConsumerDatabase();

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().startsWith("The consumer database connect_analytics_consumer does"
                + " not exist"), body.path("Reason").asText());
    }

    @Test
    void aRefusedLinkIsNamedWithGluesReasonAndTheOthersAreStillMade() {
        glue.refuse("contact_record_link", "AccessDeniedException");

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.startsWith("Glue refused 1 of 4 link changes in connect_analytics_consumer:"
                + " contact_record_link (AccessDeniedException: Insufficient Lake Formation permission(s)"), reason);
        assertTrue(reason.contains("CREATE_TABLE"), "says what to fix: " + reason);
        assertEquals(Set.of("users_link", "agent_queue_statistic_record_link", "routing_profiles_link"),
                glue.consumerTables().keySet());
    }

    @Test
    void throttlingBeyondTheSdksRetriesFailsWithAdvice() {
        glue.faults().throttle();

        JsonNode body = send("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.contains("ThrottlingException") && reason.contains("retry the deployment"), reason);
    }

    @Test
    void anUnexpectedExceptionAnswersFailedWithTheStablePhysicalIdAndWithoutItsMessage() {
        send("create.json");
        glue.faults().failUnexpectedly(new IllegalStateException("internal detail: token=abc123"));

        JsonNode body = send("update.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.startsWith("Unexpected error (IllegalStateException); details in CloudWatch log stream"),
                reason);
        assertFalse(reason.contains("abc123"));
    }

    @Test
    void workStillRunningNearTheDeadlineIsAnsweredFailedBeforeTheFunctionTimesOut() throws Exception {
        glue.faults().hangUntil(new CountDownLatch(1));
        CloudFormationCustomResourceEvent update = event("update.json");
        TestContext context = new TestContext("ResourceLinkCreator", 4_000);

        handler.handleRequest(update, context);
        JsonNode body = cloudFormation.awaitBody();

        assertTrue(context.getRemainingTimeInMillis() > 0, "answered before the function's deadline");
        assertEquals("FAILED", body.path("Status").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(body.path("Reason").asText().matches("Timed out after \\d s, before the function's deadline: Glue"
                + " answered too slowly or kept throttling; .*"), body.path("Reason").asText());
        assertTrue(glue.faults().interrupted().await(5, TimeUnit.SECONDS),
                "the abandoned Glue call was interrupted");
    }

    @Test
    void movingTheLinksToAnotherDatabaseIsAReplacementWithANewPhysicalId() {
        send("create.json");
        glue.database(InMemoryGlue.CONSUMER_ACCOUNT, "contact_center_reports");
        JsonNode body = send(withProperty(cloudFormation.unchangedUpdate(EVENTS), "ConsumerDatabase",
                "contact_center_reports"));

        String newId = "resource-links/connect-config-dev/AnalyticsResourceLinks/contact_center_reports";
        assertEquals(newId, body.path("PhysicalResourceId").asText());
        assertEquals(Set.copyOf(FIRST_LINKS), glue.tables(InMemoryGlue.CONSUMER_ACCOUNT,
                "contact_center_reports").keySet());
        assertEquals(4, glue.consumerTables().size(), "the old links wait for CloudFormation's Delete of the old id");
        assertNotNull(glue.consumerTable("users_link"));
    }
}
