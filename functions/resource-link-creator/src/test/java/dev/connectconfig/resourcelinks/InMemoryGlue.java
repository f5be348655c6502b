package dev.connectconfig.resourcelinks;

import dev.connectconfig.testing.SdkFaults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableError;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.ThrottlingException;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/**
 * The Glue Data Catalog in memory, at the SDK boundary: catalogs (account ids) of databases of tables, answering
 * the calls ResourceLinkCreator makes the way Glue does (paginated GetTables, EntityNotFoundException for a missing
 * database, per-table errors from BatchDeleteTable). It records every request and can be told to refuse a link;
 * {@link #faults()} throttles, fails unexpectedly or hangs.
 */
final class InMemoryGlue implements GlueClient {

    static final String CONSUMER_ACCOUNT = "123456789012";
    static final String PRODUCER_ACCOUNT = "111122223333";
    static final String PRODUCER_DATABASE = "connect_datalake";
    static final String CONSUMER_DATABASE = "connect_analytics_consumer";

    private final Map<String, Map<String, Map<String, Table>>> catalogs = new ConcurrentHashMap<>();
    private final List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> refusedLinks = new ConcurrentHashMap<>();
    private final SdkFaults faults = new SdkFaults("Glue", "ThrottlingException", ThrottlingException.builder());
    private final int pageSize;

    InMemoryGlue(int pageSize) {
        this.pageSize = pageSize;
    }

    /** The data lake as a producer shares it (every default table, with columns) and an empty consumer database. */
    static InMemoryGlue withDataLake(List<String> producerTables) {
        InMemoryGlue glue = new InMemoryGlue(5);
        glue.database(PRODUCER_ACCOUNT, PRODUCER_DATABASE);
        glue.database(CONSUMER_ACCOUNT, CONSUMER_DATABASE);
        producerTables.forEach(glue::producerTable);
        return glue;
    }

    void database(String catalogId, String database) {
        catalogs.computeIfAbsent(catalogId, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(database, d -> new ConcurrentHashMap<>());
    }

    void producerTable(String name) {
        put(PRODUCER_ACCOUNT, Table.builder()
                .name(name)
                .databaseName(PRODUCER_DATABASE)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(Column.builder().name("instance_id").type("string").build(),
                                Column.builder().name(name + "_id").type("string").build())
                        .location("s3://connect-datalake-111122223333/" + name + "/")
                        .build())
                .partitionKeys(Column.builder().name("partition_date").type("string").build())
                .build());
    }

    void removeProducerTable(String name) {
        catalogs.get(PRODUCER_ACCOUNT).get(PRODUCER_DATABASE).remove(name);
    }

    /** Puts a table as it is, in the database its {@code databaseName} names. */
    void put(String catalogId, Table table) {
        catalogs.get(catalogId).get(table.databaseName()).put(table.name(), table);
    }

    Table consumerTable(String name) {
        return consumerTables().get(name);
    }

    Map<String, Table> consumerTables() {
        return new TreeMap<>(catalogs.get(CONSUMER_ACCOUNT).get(CONSUMER_DATABASE));
    }

    Map<String, Table> tables(String catalogId, String database) {
        return new TreeMap<>(catalogs.get(catalogId).get(database));
    }

    void dropConsumerDatabase() {
        catalogs.get(CONSUMER_ACCOUNT).remove(CONSUMER_DATABASE);
    }

    List<SdkRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    <T extends SdkRequest> List<T> requests(Class<T> type) {
        return requests().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** CreateTable, UpdateTable and BatchDeleteTable calls so far. */
    int writeCalls() {
        return requests(CreateTableRequest.class).size() + requests(UpdateTableRequest.class).size()
                + requests(BatchDeleteTableRequest.class).size();
    }

    void refuse(String link, String errorCode) {
        refusedLinks.put(link, errorCode);
    }

    /** Throttling, unexpected failures and hanging calls. */
    SdkFaults faults() {
        return faults;
    }

    @Override
    public GetTablesResponse getTables(GetTablesRequest request) {
        before(request);
        String catalogId = request.catalogId() == null ? CONSUMER_ACCOUNT : request.catalogId();
        Map<String, Table> database = catalogs.getOrDefault(catalogId, Map.of()).get(request.databaseName());
        if (database == null) {
            throw error(EntityNotFoundException.builder(), "EntityNotFoundException",
                    "Database " + request.databaseName() + " not found.");
        }
        List<Table> all = new ArrayList<>(new TreeMap<>(database).values());
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(all.size(), from + pageSize);
        return GetTablesResponse.builder()
                .tableList(all.subList(from, to))
                .nextToken(to < all.size() ? Integer.toString(to) : null)
                .build();
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        before(request);
        Map<String, Table> database = consumerDatabase(request.databaseName());
        String name = request.tableInput().name();
        String refusal = refusedLinks.get(name);
        if (refusal != null) {
            throw error(AccessDeniedException.builder(), refusal, "Insufficient Lake Formation permission(s): "
                    + "Required Create Table on " + request.databaseName());
        }
        if (database.putIfAbsent(name, table(request.databaseName(), request.tableInput())) != null) {
            throw error(AlreadyExistsException.builder(), "AlreadyExistsException", "Table already exists.");
        }
        return CreateTableResponse.builder().build();
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        before(request);
        Map<String, Table> database = consumerDatabase(request.databaseName());
        String name = request.tableInput().name();
        if (database.replace(name, table(request.databaseName(), request.tableInput())) == null) {
            throw error(EntityNotFoundException.builder(), "EntityNotFoundException", "Table " + name
                    + " not found.");
        }
        return UpdateTableResponse.builder().build();
    }

    @Override
    public BatchDeleteTableResponse batchDeleteTable(BatchDeleteTableRequest request) {
        before(request);
        Map<String, Table> database = consumerDatabase(request.databaseName());
        List<TableError> errors = new ArrayList<>();
        for (String name : request.tablesToDelete()) {
            if (database.remove(name) == null) {
                errors.add(TableError.builder().tableName(name).errorDetail(ErrorDetail.builder()
                        .errorCode("EntityNotFoundException").errorMessage("Table not found").build()).build());
            }
        }
        return BatchDeleteTableResponse.builder().errors(errors).build();
    }

    private Map<String, Table> consumerDatabase(String name) {
        Map<String, Table> database = catalogs.getOrDefault(CONSUMER_ACCOUNT, Map.of()).get(name);
        if (database == null) {
            throw error(EntityNotFoundException.builder(), "EntityNotFoundException", "Database " + name
                    + " not found.");
        }
        return database;
    }

    private void before(SdkRequest request) {
        requests.add(request);
        faults.onCall();
    }

    private static Table table(String database, TableInput input) {
        return Table.builder()
                .name(input.name())
                .databaseName(database)
                .description(input.description())
                .tableType(input.tableType())
                .targetTable(input.targetTable())
                .storageDescriptor(input.storageDescriptor())
                .partitionKeys(input.partitionKeys())
                .parameters(input.parameters())
                .build();
    }

    private AwsServiceException error(AwsServiceException.Builder builder, String code, String message) {
        return faults.error(builder, code, message);
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {
    }
}
