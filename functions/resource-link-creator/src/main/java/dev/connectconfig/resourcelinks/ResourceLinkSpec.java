package dev.connectconfig.resourcelinks;

import dev.connectconfig.platform.cloudformation.CustomResourceRequest;
import dev.connectconfig.platform.cloudformation.InvalidPropertyException;
import dev.connectconfig.platform.cloudformation.ResourceProperties;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import dev.connectconfig.platform.datalake.ConnectDataLake;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the {@code Custom::ResourceLinks} resource asks for: a link {@code <table><suffix>} in the consumer database
 * for every table of the producer's data lake database.
 */
record ResourceLinkSpec(
        String producerAccountId,
        String producerDatabase,
        String consumerDatabase,
        List<String> tables,
        String linkSuffix,
        MissingTables missingTables) {

    static final String PRODUCER_ACCOUNT_ID = "ProducerAccountId";
    static final String PRODUCER_DATABASE = "ProducerDatabase";
    static final String CONSUMER_DATABASE = "ConsumerDatabase";
    static final String TABLES = "Tables";
    static final String LINK_SUFFIX = "LinkSuffix";
    static final String MISSING_TABLES = "MissingTables";

    /**
     * Where the template sets each property in this function's environment: the links are always made from these
     * values, and an event whose properties disagree is refused (see {@link StackConfiguration}).
     */
    static final String STACK_ID_VARIABLE = "STACK_ID";
    static final String PRODUCER_ACCOUNT_ID_VARIABLE = "PRODUCER_ACCOUNT_ID";
    static final String PRODUCER_DATABASE_VARIABLE = "PRODUCER_DATABASE";
    static final String CONSUMER_DATABASE_VARIABLE = "CONSUMER_DATABASE";
    static final String TABLES_VARIABLE = "DATA_LAKE_TABLES";
    static final String LINK_SUFFIX_VARIABLE = "LINK_SUFFIX";
    static final String MISSING_TABLES_VARIABLE = "MISSING_TABLES";

    /** CloudFormation refuses a response over 4,096 bytes; the Data names every link, so the list is bounded. */
    static final int MAX_RESPONSE_BYTES = 4_096;
    private static final int RESPONSE_OVERHEAD_BYTES = 700;

    /** What to do about listed tables the producer catalog does not show. */
    enum MissingTables {
        /** Fail the resource, naming them (the default: a typo or a table not yet shared). */
        FAIL,
        /** Link the rest and report the missing ones with a warning. */
        SKIP
    }

    static ResourceLinkSpec from(ResourceProperties properties) {
        String producerAccountId = properties.required(PRODUCER_ACCOUNT_ID, ConnectDataLake.ACCOUNT_ID,
                "a 12-digit AWS account id (the account that owns the Connect instance's data lake)");
        String producerDatabase = properties.optional(PRODUCER_DATABASE, ConnectDataLake.DEFAULT_PRODUCER_DATABASE,
                ConnectDataLake.NAME, ConnectDataLake.NAME_RULE);
        String consumerDatabase = properties.required(CONSUMER_DATABASE, ConnectDataLake.NAME,
                ConnectDataLake.NAME_RULE);
        List<String> tables = properties.list(TABLES, ConnectDataLake.DEFAULT_TABLES, ConnectDataLake.NAME,
                ConnectDataLake.NAME_RULE);
        String suffix = properties.optional(LINK_SUFFIX, ConnectDataLake.DEFAULT_LINK_SUFFIX, ConnectDataLake.SUFFIX,
                "1 to 64 lowercase letters, digits and _");
        MissingTables missing = properties.choice(MISSING_TABLES, MissingTables.FAIL, MissingTables.class);
        for (String table : tables) {
            if (ConnectDataLake.linkName(table, suffix).length() > 255) {
                throw new InvalidPropertyException(TABLES, "the link for '" + table + "' would be longer than"
                        + " Glue's 255 characters; use a shorter LinkSuffix");
            }
        }
        ResourceLinkSpec spec = new ResourceLinkSpec(producerAccountId, producerDatabase, consumerDatabase, tables,
                suffix, missing);
        if (spec.responseBytes() > MAX_RESPONSE_BYTES) {
            throw new InvalidPropertyException(TABLES, tables.size() + " tables are more than one resource can"
                    + " report to CloudFormation (4 KB); split the list over two Custom::ResourceLinks resources");
        }
        return spec;
    }

    /** Each property and the variable the template sets it in. */
    static final List<StackConfiguration.Variable> VARIABLES = List.of(
            new StackConfiguration.Variable(PRODUCER_ACCOUNT_ID, PRODUCER_ACCOUNT_ID_VARIABLE, false),
            new StackConfiguration.Variable(PRODUCER_DATABASE, PRODUCER_DATABASE_VARIABLE, false),
            new StackConfiguration.Variable(CONSUMER_DATABASE, CONSUMER_DATABASE_VARIABLE, false),
            new StackConfiguration.Variable(TABLES, TABLES_VARIABLE, true),
            new StackConfiguration.Variable(LINK_SUFFIX, LINK_SUFFIX_VARIABLE, false),
            new StackConfiguration.Variable(MISSING_TABLES, MISSING_TABLES_VARIABLE, false));

    /** The configuration the template sets in {@code environment} (System::getenv in Lambda, a map in tests). */
    static StackConfiguration configuration(UnaryOperator<String> environment) {
        return StackConfiguration.from(environment, STACK_ID_VARIABLE, VARIABLES);
    }

    String linkName(String table) {
        return ConnectDataLake.linkName(table, linkSuffix);
    }

    LinkTarget target(String table) {
        return new LinkTarget(producerAccountId, producerDatabase, table);
    }

    /** An upper bound of the Data this resource returns: every table and link name once, plus the counts. */
    private int responseBytes() {
        int bytes = RESPONSE_OVERHEAD_BYTES;
        for (String table : tables) {
            bytes += 2 * (table.length() + 1) + linkSuffix.length();
        }
        return bytes;
    }

    /**
     * {@code resource-links/<stack>/<logical id>/<consumer database>}. The database is part of the id, so moving the
     * links to another database is a replacement: CloudFormation then deletes the old links through this id. The id
     * also marks the links this resource made. Never throws: a Create with bad properties still gets an id.
     */
    static String physicalId(CustomResourceRequest request, ResourceProperties properties) {
        String base = base(request);
        try {
            return base + "/" + properties.required(CONSUMER_DATABASE, ConnectDataLake.NAME,
                    ConnectDataLake.NAME_RULE);
        } catch (InvalidPropertyException e) {
            return base;
        }
    }

    /** {@code resource-links/<stack>/<logical id>}: every id this resource issues starts with it. */
    static String base(CustomResourceRequest request) {
        return "resource-links/" + request.stackName() + "/" + request.logicalResourceId();
    }

    /** The consumer database named in a physical id this resource issued, or null. */
    static String consumerDatabaseOf(String physicalId) {
        if (physicalId == null) {
            return null;
        }
        String[] parts = physicalId.split("/");
        return parts.length == 4 && "resource-links".equals(parts[0]) && ConnectDataLake.NAME.matcher(parts[3])
                .matches() ? parts[3] : null;
    }
}
