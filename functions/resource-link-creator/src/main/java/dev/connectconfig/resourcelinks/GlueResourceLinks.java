package dev.connectconfig.resourcelinks;

import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.AwsErrors;
import dev.connectconfig.platform.ParallelCalls;
import dev.connectconfig.platform.cloudformation.CustomResourceFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableError;
import software.amazon.awssdk.services.glue.model.TableInput;

/** The Glue Data Catalog calls behind the resource links: reads once per database, writes on a few threads. */
final class GlueResourceLinks {

    /** Glue's CreateTable allows a few calls per second; four at a time leaves room for the SDK's retries. */
    static final int PARALLELISM = 4;
    static final int BATCH_DELETE_LIMIT = 100;

    private final GlueClient glue;

    GlueResourceLinks(GlueClient glue) {
        this.glue = glue;
    }

    /** Glue at {@code endpoint} (null for AWS), with the SDK's standard retries and backoff for throttling. */
    static GlueClient client(URI endpoint) {
        return AwsClients.build(GlueClient.builder(), AwsClients.Timeouts.BACKGROUND, endpoint);
    }

    /** The tables the producer's data lake database shows this account, by name. */
    Map<String, Table> producerTables(ResourceLinkSpec spec) {
        String database = spec.producerAccountId() + "." + spec.producerDatabase();
        try {
            return tables(spec.producerAccountId(), spec.producerDatabase());
        } catch (EntityNotFoundException e) {
            throw new CustomResourceFailure("The producer database " + database + " is not visible in this account:"
                    + " share the Connect data lake with this account (AWS RAM / Lake Formation) and accept the"
                    + " share, or correct ProducerAccountId and ProducerDatabase.");
        } catch (GlueException e) {
            throw new CustomResourceFailure("Could not read the producer database " + database + " ("
                    + AwsErrors.describe(e) + "). " + advice(e), e);
        }
    }

    /** The consumer database's tables by name, or empty when the database does not exist. */
    Optional<Map<String, Table>> consumerTables(String database) {
        try {
            return Optional.of(tables(null, database));
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (GlueException e) {
            throw new CustomResourceFailure("Could not read the consumer database " + database + " ("
                    + AwsErrors.describe(e) + "). " + advice(e), e);
        }
    }

    private Map<String, Table> tables(String catalogId, String database) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (GetTablesResponse page : glue.getTablesPaginator(
                GetTablesRequest.builder().catalogId(catalogId).databaseName(database).build())) {
            page.tableList().forEach(table -> tables.put(table.name(), table));
        }
        return tables;
    }

    /** Creates the links; returns the failures by link name. */
    Map<String, RuntimeException> create(String database, List<ResourceLinkPlan.PlannedLink> links,
            Map<String, Table> producer, String managedBy) {
        return byLink(ParallelCalls.forEach(links, PARALLELISM, link -> glue.createTable(request -> request
                .databaseName(database)
                .tableInput(input(link, producer.get(link.table()), managedBy)))));
    }

    /** Points existing links at their right targets; returns the failures by link name. */
    Map<String, RuntimeException> update(String database, List<ResourceLinkPlan.PlannedLink> links,
            Map<String, Table> producer, String managedBy) {
        return byLink(ParallelCalls.forEach(links, PARALLELISM, link -> glue.updateTable(request -> request
                .databaseName(database)
                .tableInput(input(link, producer.get(link.table()), managedBy)))));
    }

    /** Deletes links in batches of 100; a link already gone counts as deleted. Returns failures by link name. */
    Map<String, String> delete(String database, List<String> links) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (int from = 0; from < links.size(); from += BATCH_DELETE_LIMIT) {
            List<String> batch = links.subList(from, Math.min(links.size(), from + BATCH_DELETE_LIMIT));
            try {
                BatchDeleteTableResponse response = glue.batchDeleteTable(request -> request
                        .databaseName(database)
                        .tablesToDelete(batch));
                for (TableError error : response.errors()) {
                    String code = error.errorDetail() == null ? null : error.errorDetail().errorCode();
                    if (!"EntityNotFoundException".equals(code)) {
                        failures.put(error.tableName(), code + (error.errorDetail().errorMessage() == null ? ""
                                : ": " + error.errorDetail().errorMessage()));
                    }
                }
            } catch (EntityNotFoundException e) {
                return failures; // the database itself is gone, and its links with it
            } catch (GlueException e) {
                batch.forEach(link -> failures.put(link, AwsErrors.describe(e)));
            }
        }
        return failures;
    }

    /**
     * A resource link: the target table in the producer catalog, plus the target's columns and partition keys so
     * the console and Athena show its schema; marked as made by this resource.
     */
    static TableInput input(ResourceLinkPlan.PlannedLink link, Table target, String managedBy) {
        StorageDescriptor targetStorage = target == null ? null : target.storageDescriptor();
        TableInput.Builder input = TableInput.builder()
                .name(link.link())
                .description("Resource link to " + link.target() + ", the Amazon Connect analytics data lake")
                .tableType("EXTERNAL_TABLE")
                .targetTable(link.target().identifier())
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(targetStorage == null ? List.of() : targetStorage.columns())
                        .build())
                .parameters(ResourceLinkMarker.parameters(managedBy));
        if (target != null && target.hasPartitionKeys()) {
            input.partitionKeys(target.partitionKeys());
        }
        return input.build();
    }

    /** What to do about a Glue error, in a sentence. */
    static String advice(Throwable failure) {
        String code = AwsErrors.code(failure);
        if (AwsErrors.isThrottling(failure)) {
            return "Glue kept throttling after the SDK's retries; retry the deployment (links already made are"
                    + " kept).";
        }
        if ("AccessDeniedException".equals(code)) {
            return "Give the ResourceLinkCreator role Lake Formation CREATE_TABLE on the consumer database and"
                    + " DESCRIBE on the shared tables, or register the databases in IAM-only mode.";
        }
        return "See the function's log for details.";
    }

    private static Map<String, RuntimeException> byLink(
            Map<ResourceLinkPlan.PlannedLink, RuntimeException> failures) {
        Map<String, RuntimeException> byName = new LinkedHashMap<>();
        failures.forEach((link, failure) -> byName.put(link.link(), failure));
        return byName;
    }

    static List<String> described(Map<String, RuntimeException> failures) {
        List<String> lines = new ArrayList<>();
        failures.forEach((link, failure) -> lines.add(link + " (" + AwsErrors.describe(failure) + ")"));
        return lines;
    }
}
