package dev.connectconfig.resourcelinks;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.connectconfig.platform.cloudformation.CustomResourceFailure;
import dev.connectconfig.platform.cloudformation.CustomResourceLifecycle;
import dev.connectconfig.platform.cloudformation.CustomResourceOutcome;
import dev.connectconfig.platform.cloudformation.CustomResourceRequest;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Makes the consumer database's resource links match the resource's table list: reads the producer and consumer
 * databases once each, then creates, updates and deletes only what differs.
 */
record ResourceLinkReconciler(GlueResourceLinks glue, StackConfiguration configuration)
        implements CustomResourceLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceLinkReconciler.class);

    @Override
    public String physicalIdOnCreate(CustomResourceRequest request) {
        return ResourceLinkSpec.physicalId(request, configuration.asProperties());
    }

    /** Create and Update. */
    @Override
    public CustomResourceOutcome apply(CustomResourceRequest request) {
        return reconcile(request, true);
    }

    /** The rollback of an update (see {@link CustomResourceLifecycle#keep}): reads, reports, writes nothing. */
    @Override
    public CustomResourceOutcome keep(CustomResourceRequest request) {
        return reconcile(request, false);
    }

    private CustomResourceOutcome reconcile(CustomResourceRequest request, boolean write) {
        ResourceLinkSpec spec = ResourceLinkSpec.from(configuration.asProperties());
        String managedBy = ResourceLinkSpec.physicalId(request, configuration.asProperties());
        String database = spec.consumerDatabase();

        Map<String, Table> producer = glue.producerTables(spec);
        Map<String, Table> existing = glue.consumerTables(database).orElseThrow(() -> new CustomResourceFailure(
                "The consumer database " + database + " does not exist: create it first (template.yaml's"
                        + " AnalyticsConsumerDatabase does) or correct ConsumerDatabase."));
        ResourceLinkPlan plan = ResourceLinkPlan.of(spec, producer.keySet(), existing, managedBy);
        if (!write) {
            LOG.warn("rollback of an update: links left as they are", entry("consumerDatabase", database));
            return outcome(request.physicalResourceId(), spec, plan.unchangedOnly());
        }

        if (!plan.missingTables().isEmpty()) {
            String where = spec.producerAccountId() + "." + spec.producerDatabase();
            if (spec.missingTables() == ResourceLinkSpec.MissingTables.FAIL) {
                throw new CustomResourceFailure("Tables not found in the producer database " + where + ": "
                        + CustomResourceFailure.names(plan.missingTables()) + ". Share them from the Connect"
                        + " instance's account, remove them from the table list, or set MissingTables to skip.");
            }
            LOG.warn("tables not found in the producer database were skipped", entry("producerDatabase", where),
                    entry("missingTables", plan.missingTables()));
        }
        if (!plan.conflicts().isEmpty()) {
            throw new CustomResourceFailure("Tables in " + database + " that this stack did not create are in the"
                    + " way: " + CustomResourceFailure.names(plan.conflicts()) + ". Remove them or choose another"
                    + " LinkSuffix.");
        }

        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        failed.putAll(glue.create(database, plan.create(), producer, managedBy));
        failed.putAll(glue.update(database, plan.update(), producer, managedBy));
        Map<String, String> notDeleted = glue.delete(database, plan.delete());
        if (!failed.isEmpty() || !notDeleted.isEmpty()) {
            List<String> problems = new ArrayList<>(GlueResourceLinks.described(failed));
            notDeleted.forEach((link, error) -> problems.add(link + " (" + error + ")"));
            int changes = plan.create().size() + plan.update().size() + plan.delete().size();
            throw new CustomResourceFailure("Glue refused " + problems.size() + " of " + changes + " link changes in "
                    + database + ": " + CustomResourceFailure.names(problems) + ". "
                    + GlueResourceLinks.advice(failed.isEmpty() ? null : failed.values().iterator().next()));
        }

        LOG.info("resource links reconciled", entry("consumerDatabase", database),
                entry("created", names(plan.create())), entry("updated", names(plan.update())),
                entry("deleted", plan.delete()), entry("unchanged", plan.unchanged().size()));
        return outcome(managedBy, spec, plan);
    }

    private static CustomResourceOutcome outcome(String physicalId, ResourceLinkSpec spec, ResourceLinkPlan plan) {
        String database = spec.consumerDatabase();
        List<String> linkNames = plan.linkedTables().stream().map(spec::linkName).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Created", plan.create().size());
        data.put("Updated", plan.update().size());
        data.put("Deleted", plan.delete().size());
        data.put("Unchanged", plan.unchanged().size());
        data.put("ConsumerDatabase", database);
        data.put("LinkNames", String.join(",", linkNames));
        data.put("LinkedTables", String.join(",", plan.linkedTables()));
        data.put("MissingTables", String.join(",", plan.missingTables()));
        return new CustomResourceOutcome(physicalId, data, Map.of(
                "LinksCreated", (double) plan.create().size(),
                "LinksUpdated", (double) plan.update().size(),
                "LinksDeleted", (double) plan.delete().size()));
    }

    /**
     * Delete: removes the links this resource made (those carrying its physical id); nothing else. The id must be one
     * this stack's resource issued; its database may be an earlier one (CloudFormation deletes a replaced resource's
     * links through the old id), since only links marked with that very id are ever deleted.
     */
    @Override
    public CustomResourceOutcome remove(CustomResourceRequest request) {
        String managedBy = request.physicalResourceId();
        boolean issuedHere = managedBy != null && managedBy.startsWith(ResourceLinkSpec.base(request) + "/");
        String database = issuedHere ? ResourceLinkSpec.consumerDatabaseOf(managedBy) : null;
        List<String> mine = List.of();
        if (database == null) {
            LOG.info("nothing to delete: the resource never got as far as a database, or the id is not one this"
                    + " resource issued", entry("physicalResourceId", managedBy));
        } else {
            Optional<Map<String, Table>> existing = glue.consumerTables(database);
            mine = existing.map(tables -> tables.values().stream()
                    .filter(table -> ResourceLinkMarker.isManagedBy(table, managedBy))
                    .map(Table::name)
                    .sorted()
                    .toList()).orElse(List.of());
            Map<String, String> notDeleted = glue.delete(database, mine);
            if (!notDeleted.isEmpty()) {
                List<String> problems = new ArrayList<>();
                notDeleted.forEach((link, error) -> problems.add(link + " (" + error + ")"));
                throw new CustomResourceFailure("Glue refused to delete " + problems.size() + " links in " + database
                        + ": " + CustomResourceFailure.names(problems) + ". Fix the permission and retry the delete.");
            }
            LOG.info("resource links deleted", entry("consumerDatabase", database), entry("deleted", mine));
        }
        return new CustomResourceOutcome(managedBy, Map.of("Deleted", mine.size()),
                Map.of("LinksDeleted", (double) mine.size()));
    }

    @Override
    public String timeoutAdvice() {
        return "Glue answered too slowly or kept throttling; links already made are kept and a retry continues"
                + " from them";
    }

    private static List<String> names(List<ResourceLinkPlan.PlannedLink> links) {
        return links.stream().map(ResourceLinkPlan.PlannedLink::link).toList();
    }
}
