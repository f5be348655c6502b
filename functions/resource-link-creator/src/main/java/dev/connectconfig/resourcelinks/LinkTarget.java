package dev.connectconfig.resourcelinks;

import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableIdentifier;

/** The producer table a resource link points at: catalog (the producer's account id), database and table. */
record LinkTarget(String catalogId, String database, String table) {

    /** The target of an existing table, or null when the table is not a resource link. */
    static LinkTarget of(Table table) {
        TableIdentifier target = table.targetTable();
        return target == null ? null : new LinkTarget(target.catalogId(), target.databaseName(), target.name());
    }

    TableIdentifier identifier() {
        return TableIdentifier.builder().catalogId(catalogId).databaseName(database).name(table).build();
    }

    @Override
    public String toString() {
        return catalogId + "." + database + "." + table;
    }
}
