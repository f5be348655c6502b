package dev.connectconfig.resourcelinks;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.connectconfig.shared.cloudformation.CustomResourceFailure;
import dev.connectconfig.shared.cloudformation.CustomResourceLifecycle;
import dev.connectconfig.shared.cloudformation.CustomResourceOutcome;
import dev.connectconfig.shared.cloudformation.CustomResourceRequest;
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
final class ResourceLinkReconciler implements CustomResourceLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceLinkReconciler.class);

    private final GlueResourceLinks glue;

    ResourceLinkReconciler(GlueResourceLinks glue) {
        this.glue = glue;
    }

    @Override
    public String physicalIdOnCreate(CustomResourceRequest request) {
        return ResourceLinkSpec.physicalId(request);
    }

    /** Create and Update. */
    @Override
    public CustomResourceOutcome apply(CustomResourceRequest request) {
        ResourceLinkSpec spec = ResourceLinkSpec.from(request.properties());
        String managedBy = ResourceLinkSpec.physicalId(request);
        String database = spec.consumerDatabase();

        Map<String, Table> producer = glue.producerTables(spec);
        Map<String, Table> existing = glue.consumerTables(database).orElseThrow(() -> new CustomResourceFailure(
                "The consumer database " + database + " does not exist: create it first (template.yaml's"
                        + " AnalyticsConsumerDatabase does) or correct ConsumerDatabase."));
        ResourceLinkPlan plan = ResourceLinkPlan.of(spec, producer.keySet(), existing, managedBy);

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
        return new CustomResourceOutcome(managedBy, data, Map.of(
                "LinksCreated", (double) plan.create().size(),
                "LinksUpdated", (double) plan.update().size(),
                "LinksDeleted", (double) plan.delete().size()));
    }

    /** Delete: removes the links this resource made (those carrying its physical id); nothing else. */
    @Override
    public CustomResourceOutcome remove(CustomResourceRequest request) {
        String managedBy = request.physicalResourceId();
        String database = ResourceLinkSpec.consumerDatabaseOf(managedBy);
        List<String> mine = List.of();
        if (database == null) {
            LOG.info("nothing to delete: the resource never got as far as a database",
                    entry("physicalResourceId", managedBy));
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
