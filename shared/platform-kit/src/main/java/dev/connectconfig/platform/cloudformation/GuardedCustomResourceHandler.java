package dev.connectconfig.platform.cloudformation;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.telemetry.HandlerTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.cloudformation.AbstractCustomResourceHandler;
import software.amazon.lambda.powertools.cloudformation.Response;

/**
 * A custom resource that always answers CloudFormation. Powertools sends the response to the pre-signed URL; this
 * class makes sure there is always a response to send, with a stable physical id:
 * <ul>
 *   <li>a {@link CustomResourceFailure} becomes FAILED with its reason;</li>
 *   <li>any other exception or error becomes FAILED with a generic reason naming the log stream (never the
 *       exception's message);</li>
 *   <li>work still running shortly before the function's deadline is abandoned and answered FAILED, so the stack
 *       does not wait an hour for a response that never comes.</li>
 * </ul>
 * Failed Update and Delete keep the physical id CloudFormation sent; a Create uses
 * {@link CustomResourceLifecycle#physicalIdOnCreate}, or the id its failure carries. Before any work, an event from
 * another stack than the function's configured one is refused, and so is a Create or Update whose properties disagree
 * with the configuration (see {@link StackConfiguration}): anyone allowed to invoke the function could have written
 * it. An Update or Delete then acts only when CloudFormation confirms it (DescribeStackResource on the event's stack
 * and logical id): an Update only of the physical id CloudFormation holds, while that resource is
 * {@code UPDATE_IN_PROGRESS} (or {@code UPDATE_ROLLBACK_IN_PROGRESS}); a Delete of that id only while it is
 * {@code DELETE_IN_PROGRESS}. A Delete of another id is CloudFormation cleaning up a replaced resource (its old id after
 * an update, its new one after a rolled-back update), which DescribeStackResource cannot show: it runs unconfirmed
 * ({@link CustomResourceRequest#physicalIdConfirmed()} false), so the resource may act only on what that id alone
 * marks. Answers go only to CloudFormation's response URLs ({@link ResponseUrls}), and an event from another stack
 * gets none at all. Each function's entry point is a subclass with a public no-argument constructor.
 */
public abstract class GuardedCustomResourceHandler extends AbstractCustomResourceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedCustomResourceHandler.class);

    /** Time kept back from the deadline to PUT the response: this, or a quarter of what is left if that is less. */
    static final Duration MAX_RESPONSE_RESERVE = Duration.ofSeconds(10);
    /** The PUT to the pre-signed S3 URL: one short attempt, well inside the reserve. */
    static final AwsClients.Timeouts RESPONSE_TIMEOUTS =
            new AwsClients.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
    private static final int MAX_REASON_LENGTH = 1_000;
    /**
     * A resource CloudFormation is updating: UPDATE_IN_PROGRESS for an update and for the update a rolling-back stack
     * sends; UPDATE_ROLLBACK_IN_PROGRESS where CloudFormation reports the rollback on the resource itself.
     */
    static final Set<String> UPDATING = Set.of("UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS");
    /** A resource CloudFormation is deleting: a stack deletion, a removal from the template, a create's rollback. */
    static final String DELETING = "DELETE_IN_PROGRESS";

    private final ExecutorService worker = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "custom-resource-work");
        thread.setDaemon(true);
        return thread;
    });
    private final HandlerTelemetry telemetry = new HandlerTelemetry();
    private final CustomResourceLifecycle resource;
    private final StackResources stackResources;
    private final ResponseChannel responses;

    /** Runs {@code resource} against CloudFormation as Lambda's environment describes it. */
    protected GuardedCustomResourceHandler(CustomResourceLifecycle resource) {
        this(resource, CloudFormationService.fromEnvironment());
    }

    /** Runs {@code resource}, answering through the project's lean HTTP client with short timeouts. */
    protected GuardedCustomResourceHandler(CustomResourceLifecycle resource, CloudFormationService cloudFormation) {
        this(resource, cloudFormation.stackResources(), new ResponseChannel(AwsClients.httpClient(RESPONSE_TIMEOUTS),
                cloudFormation.responseUrls()));
    }

    private GuardedCustomResourceHandler(CustomResourceLifecycle resource, StackResources stackResources,
            ResponseChannel responses) {
        super(responses);
        this.resource = resource;
        this.stackResources = stackResources;
        this.responses = responses;
    }

    @Override
    protected final Response create(CloudFormationCustomResourceEvent event, Context context) {
        return guarded(event, context, resource::apply);
    }

    @Override
    protected final Response update(CloudFormationCustomResourceEvent event, Context context) {
        return guarded(event, context, resource::apply);
    }

    @Override
    protected final Response delete(CloudFormationCustomResourceEvent event, Context context) {
        return guarded(event, context, resource::remove);
    }

    @Override
    protected void onSendFailure(CloudFormationCustomResourceEvent event, Context context, Response response,
            Exception exception) {
        if (!responses.allows(event.getResponseUrl())
                || !resource.configuration().isOwnStack(CustomResourceRequest.from(event))) {
            LOG.warn("no answer sent: " + exception.getMessage(), entry("logicalResourceId",
                    event.getLogicalResourceId()), entry("requestType", event.getRequestType()));
            return;
        }
        // Nothing more can be done from here: CloudFormation times the resource out (ServiceTimeout in the template).
        LOG.error("could not send the response to CloudFormation", entry("logicalResourceId",
                event.getLogicalResourceId()), entry("requestType", event.getRequestType()), exception);
    }

    private Response guarded(CloudFormationCustomResourceEvent event, Context context,
            Function<CustomResourceRequest, CustomResourceOutcome> operation) {
        return telemetry.around(context, "logicalResourceId",
                String.valueOf(event.getLogicalResourceId()), () -> answer(event, context, operation));
    }

    private Response answer(CloudFormationCustomResourceEvent event, Context context,
            Function<CustomResourceRequest, CustomResourceOutcome> operation) {
        CustomResourceRequest request = CustomResourceRequest.from(event);
        // CloudFormation is not waiting for an answer to another stack's event; its writer learns nothing from one.
        responses.silence(resource.configuration().isOwnStack(request) ? null
                : "the event names another stack than the function's");
        Response response;
        try {
            String stablePhysicalId = stablePhysicalId(request);
            response = refusal(request, stablePhysicalId);
            if (response == null) {
                Function<CustomResourceRequest, CustomResourceOutcome> work = screened(request, operation);
                response = run(request, context, unconfirmed -> work.apply(confirmed(unconfirmed)),
                        stablePhysicalId);
            }
        } finally {
            telemetry.flush();
        }
        LOG.info("answering CloudFormation", entry("requestType", request.requestType()),
                entry("status", response.getStatus().name()),
                entry("physicalResourceId", response.getPhysicalResourceId()),
                entry("reason", response.getReason()));
        return response;
    }

    /** FAILED for an event this function must not act on, or null. Nothing has been called yet. */
    private Response refusal(CustomResourceRequest request, String physicalId) {
        StackConfiguration configuration = resource.configuration();
        if (!configuration.isOwnStack(request)) {
            LOG.warn("refused an event from another stack", entry("eventStackId", request.stackId()),
                    entry("configuredStackId", configuration.stackId()));
            return failed(physicalId, "Refused: this function serves stack " + configuration.stackName()
                    + " only, and the event names " + (request.stackId().isEmpty() ? "no stack" : "stack "
                    + request.stackName()) + ". Nothing was changed.");
        }
        if ("Delete".equals(request.requestType())) {
            return null;
        }
        List<String> disagreeing = configuration.disagreements(request.properties());
        if (disagreeing.isEmpty() || isRollback(request, configuration)) {
            return null;
        }
        LOG.warn("refused an event whose properties disagree with the function's configuration",
                entry("requestType", request.requestType()), entry("properties", disagreeing));
        return failed(physicalId, "Refused: " + CustomResourceFailure.names(disagreeing) + " must equal what the"
                + " template sets in this function's environment, and the event's do not. Nothing was changed; deploy"
                + " the template to change them.");
    }

    private static boolean isRollback(CustomResourceRequest request, StackConfiguration configuration) {
        return "Update".equals(request.requestType()) && !request.oldProperties().isEmpty()
                && configuration.agreesWith(request.oldProperties());
    }

    /**
     * {@code request} as CloudFormation confirms it, or a {@link CustomResourceFailure} that changes nothing: see the
     * class comment for what is accepted. Runs inside the deadline's budget, since it calls CloudFormation.
     */
    private CustomResourceRequest confirmed(CustomResourceRequest request) {
        if (request.isCreate()) {
            return request;
        }
        boolean isUpdate = "Update".equals(request.requestType());
        StackResources.Held held = stackResources.describe(request.stackId(), request.logicalResourceId())
                .orElseThrow(() -> refused(request, "CloudFormation holds no resource " + request.logicalResourceId()
                        + " in stack " + request.stackName()));
        boolean current = held.physicalResourceId() != null
                && held.physicalResourceId().equals(request.physicalResourceId());
        String status = String.valueOf(held.resourceStatus());
        if (isUpdate && current && UPDATING.contains(status) || !isUpdate && current && DELETING.equals(status)) {
            return request.confirmed();
        }
        if (!isUpdate && !current && request.physicalResourceId() != null) {
            LOG.info("delete of an id CloudFormation no longer holds for this resource (a replaced resource's):"
                    + " acting only on what that id alone marks", entry("physicalResourceId",
                    request.physicalResourceId()), entry("currentPhysicalResourceId", held.physicalResourceId()));
            return request;
        }
        throw refused(request, current ? "CloudFormation is not " + (isUpdate ? "updating" : "deleting")
                + " resource " + request.logicalResourceId() + " (it is " + status + ")"
                : "the event's physical id is not the one CloudFormation holds for " + request.logicalResourceId());
    }

    private static CustomResourceFailure refused(CustomResourceRequest request, String why) {
        LOG.warn("refused an " + request.requestType() + " CloudFormation did not send", entry("reason", why),
                entry("physicalResourceId", request.physicalResourceId()));
        return new CustomResourceFailure("Refused: " + why + ". Nothing was changed.");
    }

    /** The operation, or {@link CustomResourceLifecycle#keep} for the rollback of an update (see there). */
    private Function<CustomResourceRequest, CustomResourceOutcome> screened(CustomResourceRequest request,
            Function<CustomResourceRequest, CustomResourceOutcome> operation) {
        StackConfiguration configuration = resource.configuration();
        if (!"Delete".equals(request.requestType()) && !configuration.agreesWith(request.properties())) {
            LOG.warn("an update back to properties this function's environment no longer has: changing nothing"
                    + " (a rollback; the function's environment is rolled back next)");
            return resource::keep;
        }
        return operation;
    }

    /** The id a failure reports: the one CloudFormation sent, else the one a successful Create would have had. */
    private String stablePhysicalId(CustomResourceRequest request) {
        if (request.physicalResourceId() != null) {
            return request.physicalResourceId();
        }
        try {
            return resource.physicalIdOnCreate(request);
        } catch (RuntimeException e) {
            LOG.error("physicalIdOnCreate failed; using the stack and logical id", e);
            return request.stackName() + "/" + request.logicalResourceId();
        }
    }

    private Response run(CustomResourceRequest request, Context context,
            Function<CustomResourceRequest, CustomResourceOutcome> operation, String stablePhysicalId) {
        long remaining = context.getRemainingTimeInMillis();
        long budget = remaining - Math.min(MAX_RESPONSE_RESERVE.toMillis(), remaining / 4);
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<CustomResourceOutcome> work = worker.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return operation.apply(request);
            } finally {
                MDC.clear();
            }
        });
        try {
            CustomResourceOutcome outcome = work.get(Math.max(budget, 0), TimeUnit.MILLISECONDS);
            outcome.metrics().forEach(telemetry::count);
            return Response.builder()
                    .status(Response.Status.SUCCESS)
                    .physicalResourceId(outcome.physicalResourceId())
                    .value(outcome.data())
                    .build();
        } catch (TimeoutException e) {
            work.cancel(true);
            LOG.error("work did not finish before the function's deadline; answering FAILED",
                    entry("budgetMillis", budget));
            return failed(stablePhysicalId, "Timed out after " + Duration.ofMillis(budget).toSeconds()
                    + " s, before the function's deadline: " + resource.timeoutAdvice() + ".");
        } catch (ExecutionException e) {
            return failedBy(e.getCause(), stablePhysicalId, request.physicalResourceId() == null, context);
        } catch (InterruptedException e) {
            work.cancel(true);
            Thread.currentThread().interrupt();
            return failed(stablePhysicalId, "Interrupted before the work finished; retry the deployment.");
        }
    }

    private Response failedBy(Throwable cause, String physicalId, boolean isCreate, Context context) {
        if (cause instanceof CustomResourceFailure failure) {
            LOG.warn("custom resource failed", entry("reason", failure.reason()));
            // Only a Create may name its id; an Update or Delete keeps the one CloudFormation has.
            return failed(isCreate ? failure.physicalResourceId().orElse(physicalId) : physicalId, failure.reason());
        }
        LOG.error("unexpected error in the custom resource", cause);
        return failed(physicalId, "Unexpected error (" + cause.getClass().getSimpleName()
                + "); details in CloudWatch log stream " + context.getLogStreamName() + ".");
    }

    private Response failed(String physicalId, String reason) {
        telemetry.count("CustomResourceFailed", 1);
        String oneLine = reason.replaceAll("\\s+", " ").trim();
        return Response.builder()
                .status(Response.Status.FAILED)
                .physicalResourceId(physicalId)
                .reason(oneLine.length() > MAX_REASON_LENGTH ? oneLine.substring(0, MAX_REASON_LENGTH - 3) + "..."
                        : oneLine)
                .build();
    }
}
