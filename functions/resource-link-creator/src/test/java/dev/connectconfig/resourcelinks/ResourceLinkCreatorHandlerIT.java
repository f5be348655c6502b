package dev.connectconfig.resourcelinks;

import static dev.connectconfig.testing.CustomResourceResponseServer.withProperty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.platform.datalake.ConnectDataLake;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import dev.connectconfig.engines.StackResourceEndpoint;
import dev.connectconfig.platform.cloudformation.CloudFormationService;
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
    /** CloudFormation's DescribeStackResource: holds what CloudFormation would while it sends each event. */
    private StackResourceEndpoint stacks;
    /** The function's environment, as the template last set it. */
    private Map<String, String> environment;

    @BeforeEach
    void start() {
        glue = InMemoryGlue.withDataLake(ConnectDataLake.DEFAULT_TABLES);
        cloudFormation = CustomResourceResponseServer.start();
        stacks = StackResourceEndpoint.start();
        configureAs(event("create.json"));
    }

    /** The environment the template sets when its properties are {@code event}'s: the same values in both places. */
    private void configureAs(CloudFormationCustomResourceEvent event) {
        environment = TemplateEnvironment.of(event, ResourceLinkSpec.STACK_ID_VARIABLE,
                ResourceLinkSpec.VARIABLES.stream().collect(Collectors.toMap(StackConfiguration.Variable::property,
                        StackConfiguration.Variable::variable)));
    }

    private ResourceLinkCreatorHandler handler() {
        return new ResourceLinkCreatorHandler(new ResourceLinkReconciler(new GlueResourceLinks(glue),
                ResourceLinkSpec.configuration(environment::get)), CloudFormationService.local(stacks.endpoint(),
                URI.create(cloudFormation.url())));
    }

    /** What a deployment does: the function's environment gets the template's values first, then the event comes. */
    private JsonNode deploy(CloudFormationCustomResourceEvent event) {
        configureAs(event);
        return send(event);
    }

    private JsonNode deploy(String file) {
        return deploy(event(file));
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
        stacks.close();
    }

    /** The event as the function sees it with its current environment. */
    private JsonNode send(CloudFormationCustomResourceEvent event) {
        return CloudFormationDelivery.send(stacks, event, () -> forge(event));
    }

    /** The event sent by someone else than CloudFormation, which holds what it held. */
    private JsonNode forge(CloudFormationCustomResourceEvent event) {
        handler().handleRequest(event, new TestContext("ResourceLinkCreator"));
        return cloudFormation.awaitBody();
    }

    private CloudFormationCustomResourceEvent event(String file) {
        return cloudFormation.event(EVENTS + "/" + file);
    }

    @Test
    void firstCreateMakesOneLinkPerTableAndAnswersSuccess() {
        JsonNode body = deploy("create.json");

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
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
        deploy("create.json");

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
        deploy("create.json");
        int writesAfterCreate = glue.writeCalls();
        Map<String, Table> before = glue.consumerTables();

        JsonNode body = deploy(cloudFormation.unchangedUpdate(EVENTS));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertEquals(4, body.path("Data").path("Unchanged").asInt());
        assertEquals(0, body.path("Data").path("Created").asInt());
        assertEquals(writesAfterCreate, glue.writeCalls(), "no CreateTable, UpdateTable or BatchDeleteTable");
        assertEquals(before, glue.consumerTables());
    }

    @Test
    void addingAndRemovingATableTouchesOnlyThoseLinks() {
        deploy("create.json");
        Table usersBefore = glue.consumerTable("users_link");

        JsonNode body = deploy("update.json");

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
        deploy("create.json");
        Table users = glue.consumerTable("users_link");
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, users.toBuilder().targetTable(TableIdentifier.builder()
                .catalogId("999999999999").databaseName("connect_datalake").name("users").build()).build());

        JsonNode body = deploy(cloudFormation.unchangedUpdate(EVENTS));

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

        JsonNode body = deploy("create.json");

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
        JsonNode body = deploy(withProperty(event("create.json"), "MissingTables", "skip"));

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

        JsonNode body = deploy("create.json");

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

        JsonNode created = deploy("create.json");
        JsonNode deleted = send(event("delete.json"));

        assertEquals(3, created.path("Data").path("Created").asInt());
        assertEquals(1, created.path("Data").path("Unchanged").asInt());
        assertEquals("SUCCESS", deleted.path("Status").asText());
        assertEquals(3, deleted.path("Data").path("Deleted").asInt());
        assertEquals(Set.of("users_link"), glue.consumerTables().keySet());
    }

    @Test
    void deleteRemovesOnlyTheLinksThisResourceMade() {
        deploy("create.json");
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, Table.builder().name("agent_notes")
                .databaseName(InMemoryGlue.CONSUMER_DATABASE).build());
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, Table.builder().name("bot_intents_link")
                .databaseName(InMemoryGlue.CONSUMER_DATABASE)
                .parameters(Map.of(ResourceLinkMarker.PARAMETER, "resource-links/other-stack/Links/x")).build());

        JsonNode body = send(event("delete.json"));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertEquals(4, body.path("Data").path("Deleted").asInt());
        assertEquals(Set.of("agent_notes", "bot_intents_link"), glue.consumerTables().keySet());
        assertEquals(Set.copyOf(FIRST_LINKS),
                Set.copyOf(glue.requests(BatchDeleteTableRequest.class).get(0).tablesToDelete()));
    }

    @Test
    void deleteSucceedsWhenTheLinksOrTheDatabaseAreAlreadyGone() {
        deploy("create.json");
        JsonNode first = send(event("delete.json"));
        JsonNode again = send(event("delete.json"));
        glue.dropConsumerDatabase();
        JsonNode databaseGone = send(event("delete.json"));

        assertEquals(4, first.path("Data").path("Deleted").asInt());
        assertEquals("SUCCESS", again.path("Status").asText());
        assertEquals(0, again.path("Data").path("Deleted").asInt());
        assertEquals("SUCCESS", databaseGone.path("Status").asText(), databaseGone.toString());
        assertEquals(PHYSICAL_ID, databaseGone.path("PhysicalResourceId").asText());
    }

    @Test
    void invalidPropertiesFailBeforeAnyGlueCall() {
        JsonNode body = deploy(withProperty(event("create.json"), "ProducerAccountId", "11112222"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Property ProducerAccountId: '11112222' is not a 12-digit AWS account id (the account that"
                + " owns the Connect instance's data lake)", body.path("Reason").asText());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertTrue(glue.requests().isEmpty());
    }

    @Test
    void rollbackOfACreateThatNeverHadADatabaseDeletesNothingAndSucceeds() {
        JsonNode failed = deploy(withProperty(event("create.json"), "ConsumerDatabase", null));
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

        JsonNode body = deploy("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().startsWith("The consumer database connect_analytics_consumer does"
                + " not exist"), body.path("Reason").asText());
    }

    @Test
    void aRefusedLinkIsNamedWithGluesReasonAndTheOthersAreStillMade() {
        glue.refuse("contact_record_link", "AccessDeniedException");

        JsonNode body = deploy("create.json");

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

        JsonNode body = deploy("create.json");

        assertEquals("FAILED", body.path("Status").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.contains("ThrottlingException") && reason.contains("retry the deployment"), reason);
    }

    /** The deadline's answer is platform-kit's (GuardedCustomResourceHandlerTest); here, Glue's advice, interrupt. */
    @Test
    void workStillRunningNearTheDeadlineIsAnsweredFailedBeforeTheFunctionTimesOut() throws Exception {
        glue.faults().hangUntil(new CountDownLatch(1));
        CloudFormationCustomResourceEvent update = event("update.json");
        configureAs(update);
        ResourceLinkCreatorHandler handler = handler();
        TestContext context = new TestContext("ResourceLinkCreator", 12_000);
        CloudFormationDelivery.holdInProgress(stacks, update);

        handler.handleRequest(update, context);
        JsonNode body = cloudFormation.awaitBody();

        assertEquals("FAILED", body.path("Status").asText());
        assertTrue(body.path("Reason").asText().matches("Timed out after \\d s, before the function's deadline: Glue"
                + " answered too slowly or kept throttling; .*"), body.path("Reason").asText());
        assertTrue(glue.faults().interrupted().await(5, TimeUnit.SECONDS),
                "the abandoned Glue call was interrupted");
    }

    @Test
    void movingTheLinksToAnotherDatabaseIsAReplacementWithANewPhysicalId() {
        deploy("create.json");
        glue.database(InMemoryGlue.CONSUMER_ACCOUNT, "contact_center_reports");
        JsonNode body = deploy(withProperty(cloudFormation.unchangedUpdate(EVENTS), "ConsumerDatabase",
                "contact_center_reports"));

        String newId = "resource-links/connect-config-dev/AnalyticsResourceLinks/contact_center_reports";
        assertEquals(newId, body.path("PhysicalResourceId").asText());
        assertEquals(Set.copyOf(FIRST_LINKS), glue.tables(InMemoryGlue.CONSUMER_ACCOUNT,
                "contact_center_reports").keySet());
        assertEquals(4, glue.consumerTables().size(), "the old links wait for CloudFormation's Delete of the old id");
        assertNotNull(glue.consumerTable("users_link"));
    }

    // ---- Forged events: whoever may invoke the function cannot make it link or delete anything else.

    @Test
    void aForgedCreateForOtherTablesOrAnotherProducerIsRefusedAndWritesNothing() {
        JsonNode otherTables = send(withProperty(event("create.json"), "Tables", List.of("users", "payroll")));
        JsonNode otherProducer = send(withProperty(event("create.json"), "ProducerAccountId", "999999999999"));

        assertEquals("FAILED", otherTables.path("Status").asText());
        assertTrue(otherTables.path("Reason").asText().startsWith("Refused: Tables must equal what the template"
                + " sets in this function's environment"), otherTables.path("Reason").asText());
        assertEquals("FAILED", otherProducer.path("Status").asText());
        assertTrue(otherProducer.path("Reason").asText().startsWith("Refused: ProducerAccountId"));
        assertTrue(glue.requests().isEmpty(), "not one Glue call");
    }

    @Test
    void aCreateFromAnotherStackIsNotAnsweredAndWritesNothing() {
        CloudFormationCustomResourceEvent forged = event("create.json");
        forged.setStackId("arn:aws:cloudformation:us-east-1:123456789012:stack/other/0a0b0c0d");

        handler().handleRequest(forged, new TestContext("ResourceLinkCreator"));

        assertEquals(0, cloudFormation.pending(), "no answer to another stack's event");
        assertTrue(glue.requests().isEmpty());
    }

    @Test
    void aDeleteOfTheStacksOwnLinksOutsideCloudFormationIsRefused() {
        JsonNode created = deploy("create.json");
        CloudFormationCustomResourceEvent forged = event("delete.json");
        forged.setPhysicalResourceId(created.path("PhysicalResourceId").asText());

        JsonNode body = forge(forged);

        assertEquals("FAILED", body.path("Status").asText(), body.toString());
        assertEquals("Refused: CloudFormation is not deleting resource AnalyticsResourceLinks (it is"
                + " CREATE_COMPLETE). Nothing was changed.", body.path("Reason").asText());
        assertTrue(glue.requests(BatchDeleteTableRequest.class).isEmpty());
        assertEquals(Set.copyOf(FIRST_LINKS), glue.consumerTables().keySet());
        assertEquals(new StackResourceEndpoint.Described("DescribeStackResource", "2010-05-15", forged.getStackId(),
                "AnalyticsResourceLinks"), stacks.requests().getLast(), "asked about the event's stack and resource");
    }

    @Test
    void anAnswerIsNeverSentToAUrlOtherThanCloudFormations() {
        try (CustomResourceResponseServer elsewhere = CustomResourceResponseServer.start()) {
            CloudFormationCustomResourceEvent create = event("create.json");
            create.setResponseUrl(elsewhere.url());

            handler().handleRequest(create, new TestContext("ResourceLinkCreator"));

            assertEquals(0, elsewhere.pending(), "nothing PUT to " + create.getResponseUrl());
        }
    }

    @Test
    void aDeleteNamingAnotherStacksLinksDeletesNothing() {
        deploy("create.json");
        String otherStacksId = "resource-links/other-stack/AnalyticsResourceLinks/connect_analytics_consumer";
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, Table.builder().name("bot_intents_link")
                .databaseName(InMemoryGlue.CONSUMER_DATABASE)
                .parameters(Map.of(ResourceLinkMarker.PARAMETER, otherStacksId)).build());
        CloudFormationCustomResourceEvent forged = event("delete.json");
        forged.setPhysicalResourceId(otherStacksId);

        JsonNode body = send(forged);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(0, body.path("Data").path("Deleted").asInt());
        assertTrue(glue.requests(BatchDeleteTableRequest.class).isEmpty());
        assertEquals(5, glue.consumerTables().size(), "this stack's four links and the other stack's one");
    }

    @Test
    void theDeleteOfAReplacedResourceRemovesItsLinksFromTheOldDatabase() {
        JsonNode created = deploy("create.json");
        glue.database(InMemoryGlue.CONSUMER_ACCOUNT, "contact_center_reports");
        deploy(withProperty(cloudFormation.unchangedUpdate(EVENTS), "ConsumerDatabase", "contact_center_reports"));
        CloudFormationCustomResourceEvent cleanup = event("delete.json");
        cleanup.setPhysicalResourceId(created.path("PhysicalResourceId").asText());
        cleanup.setResourceProperties(event("create.json").getResourceProperties());

        // The update's cleanup: CloudFormation now holds the new id, so the old one's Delete runs unconfirmed.
        JsonNode body = forge(cleanup);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(4, body.path("Data").path("Deleted").asInt());
        assertTrue(glue.consumerTables().isEmpty());
        assertEquals(Set.copyOf(FIRST_LINKS), glue.tables(InMemoryGlue.CONSUMER_ACCOUNT,
                "contact_center_reports").keySet(), "the new links stay");
    }

    @Test
    void aRightLinkMadeByAnOlderScriptIsNeverAdoptedAcrossUpdates() {
        Table scripted = Table.builder().name("users_link").databaseName(InMemoryGlue.CONSUMER_DATABASE)
                .targetTable(TableIdentifier.builder().catalogId("111122223333").databaseName("connect_datalake")
                        .name("users").build()).build();
        glue.put(InMemoryGlue.CONSUMER_ACCOUNT, scripted);

        deploy("create.json");
        JsonNode updated = deploy("update.json");
        JsonNode deleted = send(event("delete.json"));

        assertEquals("SUCCESS", updated.path("Status").asText(), updated.toString());
        assertTrue(glue.requests(UpdateTableRequest.class).stream()
                .noneMatch(r -> "users_link".equals(r.tableInput().name())), "never rewritten");
        assertTrue(glue.requests(BatchDeleteTableRequest.class).stream()
                .noneMatch(r -> r.tablesToDelete().contains("users_link")), "never deleted");
        assertEquals(3, deleted.path("Data").path("Deleted").asInt());
        assertTrue(scripted == glue.consumerTable("users_link"), "the same table, unmarked");
    }

    @Test
    void theRollbackOfAnUpdateWritesNothingAndReportsTheLinks() {
        JsonNode created = deploy("create.json");
        configureAs(event("update.json"));
        int writes = glue.writeCalls();
        CloudFormationCustomResourceEvent rollback = event("update.json");
        rollback.setPhysicalResourceId(created.path("PhysicalResourceId").asText());
        rollback.setResourceProperties(event("create.json").getResourceProperties());
        rollback.setOldResourceProperties(event("update.json").getResourceProperties());

        JsonNode body = send(rollback);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(PHYSICAL_ID, body.path("PhysicalResourceId").asText());
        assertEquals(writes, glue.writeCalls());
        assertEquals("connect_analytics_consumer", body.path("Data").path("ConsumerDatabase").asText());
        assertEquals(0, body.path("Data").path("Created").asInt());
    }
}
