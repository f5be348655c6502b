package dev.connectconfig.resourcelinks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The difference between the links a spec asks for and the consumer database as it is. Links already right are
 * left alone: deleting and recreating one would throw away the Lake Formation grants on it.
 */
record ResourceLinkPlan(
        List<PlannedLink> create,
        List<PlannedLink> update,
        List<String> delete,
        List<String> unchanged,
        List<String> conflicts,
        List<String> missingTables,
        List<String> linkedTables) {

    /** One link to write: its table in the producer catalog and its name in the consumer database. */
    record PlannedLink(String table, String link, LinkTarget target) {
    }

    /**
     * @param producerTables the tables the producer catalog shows
     * @param existing      the consumer database's tables by name
     * @param managedBy     this resource's marker; only links carrying it are ever updated or deleted
     */
    static ResourceLinkPlan of(ResourceLinkSpec spec, Set<String> producerTables, Map<String, Table> existing,
            String managedBy) {
        List<PlannedLink> create = new ArrayList<>();
        List<PlannedLink> update = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> linked = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (String table : spec.tables()) {
            String link = spec.linkName(table);
            wanted.add(link);
            Table current = existing.get(link);
            if (!producerTables.contains(table)) {
                // With MissingTables=skip its link, if any, stays: a share broken for a moment must not cost links.
                missing.add(table);
                continue;
            }
            LinkTarget target = spec.target(table);
            linked.add(table);
            if (current == null) {
                create.add(new PlannedLink(table, link, target));
            } else if (ResourceLinkMarker.isManagedBy(current, managedBy)) {
                if (target.equals(LinkTarget.of(current))) {
                    unchanged.add(link);
                } else {
                    update.add(new PlannedLink(table, link, target));
                }
            } else if (target.equals(LinkTarget.of(current))) {
                // Made by someone else (an older script) but already right: used, never changed or deleted.
                unchanged.add(link);
            } else {
                LinkTarget other = LinkTarget.of(current);
                conflicts.add(link + (other == null ? " (a table, not a resource link)" : " (links to " + other + ")"));
            }
        }
        List<String> delete = existing.values().stream()
                .filter(table -> ResourceLinkMarker.isManagedBy(table, managedBy))
                .map(Table::name)
                .filter(name -> !wanted.contains(name))
                .sorted()
                .toList();
        return new ResourceLinkPlan(create, update, delete, unchanged, conflicts, missing, linked);
    }

    /** This plan as it would be reported without writing: what is not right yet counts as nothing. */
    ResourceLinkPlan unchangedOnly() {
        return new ResourceLinkPlan(List.of(), List.of(), List.of(), unchanged, conflicts, missingTables, linkedTables);
    }

    boolean writesNothing() {
        return create.isEmpty() && update.isEmpty() && delete.isEmpty();
    }
}
