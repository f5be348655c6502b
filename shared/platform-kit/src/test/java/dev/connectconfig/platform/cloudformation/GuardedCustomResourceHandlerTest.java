package dev.connectconfig.platform.cloudformation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.testing.CustomResourceResponseServer;
import dev.connectconfig.testing.TestContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every path of a custom resource ends in one response PUT to the pre-signed URL, with a stable physical id. */
class GuardedCustomResourceHandlerTest {

    private static final String STACK_ID =
            "arn:aws:cloudformation:us-east-1:123456789012:stack/connect-config-dev/5b2c3e60-1f2a-11ef-9c1e";

    private CustomResourceResponseServer cloudFormation;
    /** What CloudFormation holds for the resource an event names; by default what it holds when it sends the event. */
    private StackResources stackResources;
    private boolean heldByTest;
    /** The requests this function saw, as the operation got them. */
    private final java.util.List<CustomResourceRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A resource whose work is whatever the test says, configured for STACK_ID with Name=value. */
    private final class Probe extends GuardedCustomResourceHandler {
        Probe(Function<CustomResourceRequest, CustomResourceOutcome> work) {
            this(work, ResponseUrls.cloudFormationAnd("us-east-1", URI.create(cloudFormation.url())));
        }

        Probe(Function<CustomResourceRequest, CustomResourceOutcome> work, ResponseUrls responseUrls) {
            super(new CustomResourceLifecycle() {
                @Override
                public StackConfiguration configuration() {
                    return new StackConfiguration(STACK_ID, Map.of("Name", "value"));
                }

                @Override
                public String physicalIdOnCreate(CustomResourceRequest request) {
                    return "probe/" + request.stackName() + "/" + request.logicalResourceId();
                }

                @Override
                public CustomResourceOutcome apply(CustomResourceRequest request) {
                    seen.add(request);
                    return work.apply(request);
                }

                @Override
                public CustomResourceOutcome remove(CustomResourceRequest request) {
                    seen.add(request);
                    return work.apply(request);
                }
            }, new CloudFormationService((stackId, logicalId) -> stackResources.describe(stackId, logicalId),
                    responseUrls));
        }
    }

    /** CloudFormation holding the event's physical id and changing it, as when it sends the event. */
    private static StackResources sentByCloudFormation(CloudFormationCustomResourceEvent event) {
        String status = "Delete".equals(event.getRequestType()) ? "DELETE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
        return (stackId, logicalId) -> Optional.of(new StackResources.Held(event.getPhysicalResourceId(), status));
    }

    @BeforeEach
    void start() {
        cloudFormation = CustomResourceResponseServer.start();
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
    }

    private CloudFormationCustomResourceEvent event(String type, String physicalId) {
        return CloudFormationCustomResourceEvent.builder()
                .withRequestType(type)
                .withResponseUrl(cloudFormation.url())
                .withStackId(STACK_ID)
                .withRequestId("req-1")
                .withLogicalResourceId("Probe")
                .withPhysicalResourceId(physicalId)
                .withResourceType("Custom::Probe")
                .withResourceProperties(Map.of("Name", "value"))
                .build();
    }

    private JsonNode run(Function<CustomResourceRequest, CustomResourceOutcome> work,
            CloudFormationCustomResourceEvent event, TestContext context) {
        if (!heldByTest) {
            stackResources = sentByCloudFormation(event);
        }
        new Probe(work).handleRequest(event, context);
        return cloudFormation.awaitBody();
    }

    @Test
    void successSendsTheOutcomesPhysicalIdAndData() {
        JsonNode body = run(request -> new CustomResourceOutcome("probe/id", Map.of("Count", 3, "Name",
                request.properties().optional("Name", null, java.util.regex.Pattern.compile(".*"), "any")),
                Map.of()), event("Create", null), new TestContext("probe"));

        assertEquals("SUCCESS", body.path("Status").asText());
        assertEquals("probe/id", body.path("PhysicalResourceId").asText());
        assertEquals(3, body.path("Data").path("Count").asInt());
        assertEquals("value", body.path("Data").path("Name").asText());
        assertEquals("req-1", body.path("RequestId").asText());
        assertEquals(STACK_ID, body.path("StackId").asText());
        assertEquals("Probe", body.path("LogicalResourceId").asText());
    }

    @Test
    void aFailedCreateGetsTheIdItWouldHaveHadAndTheFailuresReason() {
        JsonNode body = run(request -> {
            throw new CustomResourceFailure("Table users is not shared; share it and retry.");
        }, event("Create", null), new TestContext("probe"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("probe/connect-config-dev/Probe", body.path("PhysicalResourceId").asText());
        assertEquals("Table users is not shared; share it and retry.", body.path("Reason").asText());
    }

    @Test
    void anyOtherExceptionFailsWithoutItsMessageAndKeepsTheUpdatesPhysicalId() {
        JsonNode body = run(request -> {
            throw new IllegalArgumentException("secret=hunter2");
        }, event("Update", "probe/existing"), new TestContext("probe"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("probe/existing", body.path("PhysicalResourceId").asText());
        assertEquals("Unexpected error (IllegalArgumentException); details in CloudWatch log stream local.",
                body.path("Reason").asText());
        assertFalse(body.toString().contains("hunter2"), "the exception's message stays in the log");
    }

    @Test
    void evenAnErrorIsAnswered() {
        JsonNode body = run(request -> {
            throw new StackOverflowError();
        }, event("Delete", "probe/existing"), new TestContext("probe"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("probe/existing", body.path("PhysicalResourceId").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Update", "Delete"})
    void workStillRunningNearTheDeadlineIsAbandonedInterruptedAndAnsweredFailed(String type) throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CloudFormationCustomResourceEvent update = event(type, "probe/existing");
        TestContext context = new TestContext("probe", 4_000);

        JsonNode body = run(request -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return new CustomResourceOutcome("late", Map.of(), Map.of());
        }, update, context);

        assertTrue(context.getRemainingTimeInMillis() > 0, "answered before the function's deadline");
        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("probe/existing", body.path("PhysicalResourceId").asText());
        assertTrue(body.path("Reason").asText().startsWith("Timed out after "), body.path("Reason").asText());
        assertTrue(body.path("Reason").asText().endsWith(" s, before the function's deadline: retry the deployment;"
                + " if it recurs, raise the function's timeout."), body.path("Reason").asText());
        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
        assertEquals(0, cloudFormation.pending(), "exactly one response");
    }

    @Test
    void aLongReasonIsCutToOneShortLine() {
        JsonNode body = run(request -> {
            throw new CustomResourceFailure("first line\nsecond line " + "x".repeat(2_000));
        }, event("Create", null), new TestContext("probe"));

        String reason = body.path("Reason").asText();
        assertEquals(1_000, reason.length());
        assertTrue(reason.startsWith("first line second line"));
        assertFalse(reason.contains("\n"));
    }

    @Test
    void anUnreachableResponseUrlIsLoggedNotThrown() {
        CloudFormationCustomResourceEvent event = event("Create", null);
        event.setResponseUrl("http://127.0.0.1:" + DynamoDbLocal.freePort() + "/gone");

        assertDoesNotThrow(() -> new Probe(request -> new CustomResourceOutcome("id", Map.of(), Map.of()))
                .handleRequest(event, new TestContext("probe")));
    }

    @Test
    void theStackNameAndAccountComeFromTheStackId() {
        CustomResourceRequest request = CustomResourceRequest.from(event("Create", null));

        assertEquals("connect-config-dev", request.stackName());
        assertEquals("123456789012", request.accountId());
        assertTrue(request.isCreate());
    }

    @Test
    void anEventFromAnotherStackIsNotAnsweredAndRunsNoWork() {
        AtomicInteger calls = new AtomicInteger();
        Function<CustomResourceRequest, CustomResourceOutcome> work = request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome("probe/existing", Map.of(), Map.of());
        };
        CloudFormationCustomResourceEvent forged = event("Delete", "probe/existing");
        forged.setStackId("arn:aws:cloudformation:us-east-1:123456789012:stack/someone-else/0f0f0f0f");
        CloudFormationCustomResourceEvent create = event("Create", null);
        create.setStackId("arn:aws:cloudformation:us-east-1:123456789012:stack/other/0a0b0c0d");
        stackResources = sentByCloudFormation(forged);

        new Probe(work).handleRequest(forged, new TestContext("probe"));
        new Probe(work).handleRequest(create, new TestContext("probe"));

        assertEquals(0, cloudFormation.pending(), "CloudFormation waits for no answer from another stack's event");
        assertEquals(0, calls.get(), "neither the Delete nor the Create ran any work");
    }

    @Test
    void anAnswerGoesOnlyToCloudFormationsResponseUrls() {
        CloudFormationCustomResourceEvent event = event("Create", null);
        AtomicInteger calls = new AtomicInteger();

        new Probe(request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome("id", Map.of(), Map.of());
        }, ResponseUrls.cloudFormation("us-east-1")).handleRequest(event, new TestContext("probe"));

        assertEquals(0, cloudFormation.pending(), "nothing PUT to " + event.getResponseUrl());
    }

    // ---- An Update or Delete acts only on what CloudFormation confirms it is changing.

    private JsonNode runHeld(String type, String physicalId, StackResources.Held held, AtomicInteger calls) {
        stackResources = (stackId, logicalId) -> Optional.ofNullable(held);
        heldByTest = true;
        return run(request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome(physicalId, Map.of(), Map.of());
        }, event(type, physicalId), new TestContext("probe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Update", "Delete"})
    void theResourcesOwnIdOutsideCloudFormationsChangeIsRefused(String type) {
        AtomicInteger calls = new AtomicInteger();

        JsonNode body = runHeld(type, "probe/existing", new StackResources.Held("probe/existing", "UPDATE_COMPLETE"),
                calls);

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Refused: CloudFormation is not " + ("Update".equals(type) ? "updating" : "deleting")
                + " resource Probe (it is UPDATE_COMPLETE). Nothing was changed.", body.path("Reason").asText());
        assertEquals("probe/existing", body.path("PhysicalResourceId").asText());
        assertEquals(0, calls.get());
    }

    @Test
    void anUpdateOfAnIdCloudFormationDoesNotHoldIsRefused() {
        AtomicInteger calls = new AtomicInteger();

        JsonNode body = runHeld("Update", "probe/forged", new StackResources.Held("probe/existing",
                "UPDATE_IN_PROGRESS"), calls);

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Refused: the event's physical id is not the one CloudFormation holds for Probe. Nothing was"
                + " changed.", body.path("Reason").asText());
        assertEquals(0, calls.get());
    }

    @Test
    void aResourceCloudFormationDoesNotHoldIsRefused() {
        AtomicInteger calls = new AtomicInteger();

        JsonNode body = runHeld("Delete", "probe/existing", null, calls);

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Refused: CloudFormation holds no resource Probe in stack connect-config-dev. Nothing was"
                + " changed.", body.path("Reason").asText());
        assertEquals(0, calls.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS"})
    void anUpdateCloudFormationIsMakingRunsConfirmed(String status) {
        AtomicInteger calls = new AtomicInteger();

        JsonNode body = runHeld("Update", "probe/existing", new StackResources.Held("probe/existing", status), calls);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertTrue(seen.get(0).physicalIdConfirmed());
    }

    @Test
    void aDeleteCloudFormationIsMakingRunsConfirmed() {
        AtomicInteger calls = new AtomicInteger();

        JsonNode body = runHeld("Delete", "probe/existing", new StackResources.Held("probe/existing",
                "DELETE_IN_PROGRESS"), calls);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertTrue(seen.get(0).physicalIdConfirmed());
    }

    /** A replaced resource's id, deleted in the update's cleanup: DescribeStackResource shows only the new one. */
    @Test
    void theDeleteOfAnIdCloudFormationNoLongerHoldsRunsUnconfirmed() {
        AtomicInteger calls = new AtomicInteger();

        JsonNode body = runHeld("Delete", "probe/old", new StackResources.Held("probe/new", "UPDATE_COMPLETE"),
                calls);

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals(1, calls.get());
        assertFalse(seen.get(0).physicalIdConfirmed(), "what the old id records is not trusted");
    }

    @Test
    void whenCloudFormationCannotBeAskedNothingIsChanged() {
        AtomicInteger calls = new AtomicInteger();
        stackResources = (stackId, logicalId) -> {
            throw new CustomResourceFailure("Could not ask CloudFormation (AccessDenied)");
        };
        heldByTest = true;

        JsonNode body = run(request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome("probe/existing", Map.of(), Map.of());
        }, event("Delete", "probe/existing"), new TestContext("probe"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("Could not ask CloudFormation (AccessDenied)", body.path("Reason").asText());
        assertEquals(0, calls.get());
    }

    @Test
    void anUpdateWhosePropertiesAndOldPropertiesBothDisagreeIsRefusedNotTakenForARollback() {
        AtomicInteger calls = new AtomicInteger();
        CloudFormationCustomResourceEvent forged = event("Update", "probe/existing");
        forged.setResourceProperties(Map.of("Name", "attacker"));
        forged.setOldResourceProperties(Map.of("Name", "attacker"));

        JsonNode body = run(request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome("probe/other", Map.of(), Map.of());
        }, forged, new TestContext("probe"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("probe/existing", body.path("PhysicalResourceId").asText());
        assertTrue(body.path("Reason").asText().startsWith("Refused: Name must equal"), body.path("Reason").asText());
        assertEquals(0, calls.get());
    }

    @Test
    void aCreateWhosePropertiesDisagreeWithTheConfigurationIsRefusedBeforeAnyWork() {
        AtomicInteger calls = new AtomicInteger();
        CloudFormationCustomResourceEvent forged = event("Create", null);
        forged.setResourceProperties(Map.of("Name", "attacker"));

        JsonNode body = run(request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome("probe/id", Map.of(), Map.of());
        }, forged, new TestContext("probe"));

        assertEquals("FAILED", body.path("Status").asText());
        assertEquals("probe/connect-config-dev/Probe", body.path("PhysicalResourceId").asText());
        assertTrue(body.path("Reason").asText().startsWith("Refused: Name must equal what the template sets in this"
                + " function's environment"), body.path("Reason").asText());
        assertEquals(0, calls.get());
    }

    @Test
    void theRollbackOfAnUpdateChangesNothingAndKeepsThePhysicalId() {
        AtomicInteger calls = new AtomicInteger();
        CloudFormationCustomResourceEvent rollback = event("Update", "probe/after-update");
        rollback.setResourceProperties(Map.of("Name", "before-the-update"));
        rollback.setOldResourceProperties(Map.of("Name", "value"));

        JsonNode body = run(request -> {
            calls.incrementAndGet();
            return new CustomResourceOutcome("probe/other", Map.of(), Map.of());
        }, rollback, new TestContext("probe"));

        assertEquals("SUCCESS", body.path("Status").asText(), body.toString());
        assertEquals("probe/after-update", body.path("PhysicalResourceId").asText());
        assertEquals(0, calls.get());
    }

    @Test
    void aFailedCreateMayReportTheIdThatRecordsWhatItChangedButAnUpdateKeepsItsOwn() {
        Function<CustomResourceRequest, CustomResourceOutcome> partly = request -> {
            throw new CustomResourceFailure("2 of 5 refused", null, "probe/with-record");
        };

        JsonNode create = run(partly, event("Create", null), new TestContext("probe"));
        JsonNode update = run(partly, event("Update", "probe/existing"), new TestContext("probe"));

        assertEquals("probe/with-record", create.path("PhysicalResourceId").asText());
        assertEquals("FAILED", update.path("Status").asText());
        assertEquals("probe/existing", update.path("PhysicalResourceId").asText());
    }
}
