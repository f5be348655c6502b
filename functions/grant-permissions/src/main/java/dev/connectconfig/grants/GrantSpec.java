package dev.connectconfig.grants;

import dev.connectconfig.platform.cloudformation.CustomResourceFailure;
import dev.connectconfig.platform.cloudformation.ResourceProperties;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import dev.connectconfig.platform.datalake.ConnectDataLake;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lakeformation.model.DatabaseResource;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.TableResource;

/**
 * What the {@code Custom::LakeFormationGrants} resource asks for: a principal may see the consumer database and its
 * resource links, and read the tables the links point at in the producer's catalog.
 */
record GrantSpec(
        String principalArn,
        String consumerDatabase,
        String producerAccountId,
        String producerDatabase,
        List<String> tables,
        String linkSuffix) {

    static final String PRINCIPAL_ARN = "PrincipalArn";
    static final String CONSUMER_DATABASE = "ConsumerDatabase";
    static final String PRODUCER_ACCOUNT_ID = "ProducerAccountId";
    static final String PRODUCER_DATABASE = "ProducerDatabase";
    static final String TABLES = "Tables";
    static final String LINK_SUFFIX = "LinkSuffix";

    /**
     * Where the template sets each property in this function's environment: the work is always done with these
     * values, and an event whose properties disagree is refused (see {@link StackConfiguration}).
     */
    static final String STACK_ID_VARIABLE = "STACK_ID";
    static final String PRINCIPAL_ARN_VARIABLE = "GRANT_PRINCIPAL_ARN";
    static final String CONSUMER_DATABASE_VARIABLE = "CONSUMER_DATABASE";
    static final String PRODUCER_ACCOUNT_ID_VARIABLE = "PRODUCER_ACCOUNT_ID";
    static final String PRODUCER_DATABASE_VARIABLE = "PRODUCER_DATABASE";
    static final String TABLES_VARIABLE = "LINKED_TABLES";
    static final String LINK_SUFFIX_VARIABLE = "LINK_SUFFIX";

    static final Pattern IAM_PRINCIPAL =
            Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]{1,512}");

    static GrantSpec from(ResourceProperties properties) {
        return new GrantSpec(
                properties.required(PRINCIPAL_ARN, IAM_PRINCIPAL, "the ARN of an IAM role or user"),
                properties.required(CONSUMER_DATABASE, ConnectDataLake.NAME, ConnectDataLake.NAME_RULE),
                properties.required(PRODUCER_ACCOUNT_ID, ConnectDataLake.ACCOUNT_ID, "a 12-digit AWS account id"),
                properties.optional(PRODUCER_DATABASE, ConnectDataLake.DEFAULT_PRODUCER_DATABASE,
                        ConnectDataLake.NAME, ConnectDataLake.NAME_RULE),
                properties.list(TABLES, ConnectDataLake.DEFAULT_TABLES, ConnectDataLake.NAME,
                        ConnectDataLake.NAME_RULE),
                properties.optional(LINK_SUFFIX, ConnectDataLake.DEFAULT_LINK_SUFFIX, ConnectDataLake.SUFFIX,
                        "1 to 64 lowercase letters, digits and _"));
    }

    /** Each property and the variable the template sets it in. */
    static final List<StackConfiguration.Variable> VARIABLES = List.of(
            new StackConfiguration.Variable(PRINCIPAL_ARN, PRINCIPAL_ARN_VARIABLE, false),
            new StackConfiguration.Variable(CONSUMER_DATABASE, CONSUMER_DATABASE_VARIABLE, false),
            new StackConfiguration.Variable(PRODUCER_ACCOUNT_ID, PRODUCER_ACCOUNT_ID_VARIABLE, false),
            new StackConfiguration.Variable(PRODUCER_DATABASE, PRODUCER_DATABASE_VARIABLE, false),
            new StackConfiguration.Variable(TABLES, TABLES_VARIABLE, true),
            new StackConfiguration.Variable(LINK_SUFFIX, LINK_SUFFIX_VARIABLE, false));

    /** The configuration the template sets in {@code environment} (System::getenv in Lambda, a map in tests). */
    static StackConfiguration configuration(UnaryOperator<String> environment) {
        return StackConfiguration.from(environment, STACK_ID_VARIABLE, VARIABLES);
    }

    /** Whether {@code other} grants to the same principal on the same databases (its tables may differ). */
    boolean sameScope(GrantSpec other) {
        return principalArn.equals(other.principalArn) && consumerDatabase.equals(other.consumerDatabase)
                && producerAccountId.equals(other.producerAccountId) && producerDatabase.equals(other.producerDatabase)
                && linkSuffix.equals(other.linkSuffix);
    }

    /** Twelve hex digits that change with any value of the spec: a record of grants is read only against its spec. */
    String fingerprint() {
        String canonical = String.join("\n", principalArn, consumerDatabase, producerAccountId, producerDatabase,
                linkSuffix, String.join(",", tables));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The spec of properties that may never have been valid (a Create that failed): empty when they are not. */
    static Optional<GrantSpec> ifValid(ResourceProperties properties) {
        if (properties.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(from(properties));
        } catch (CustomResourceFailure invalid) {
            return Optional.empty();
        }
    }

    /**
     * DESCRIBE on the consumer database, DESCRIBE on each link, and SELECT and DESCRIBE on each link's target in the
     * producer's catalog: the grant on the target is what the console's "Grant on target" did by hand.
     */
    List<LakeFormationGrant> grants() {
        List<LakeFormationGrant> grants = new ArrayList<>();
        grants.add(new LakeFormationGrant("database:" + consumerDatabase, principalArn,
                Resource.builder().database(DatabaseResource.builder().name(consumerDatabase).build()).build(),
                List.of(Permission.DESCRIBE)));
        for (String table : tables) {
            String link = ConnectDataLake.linkName(table, linkSuffix);
            grants.add(new LakeFormationGrant("link:" + link, principalArn, Resource.builder()
                    .table(TableResource.builder().databaseName(consumerDatabase).name(link).build())
                    .build(), List.of(Permission.DESCRIBE)));
            grants.add(new LakeFormationGrant("target:" + table, principalArn, Resource.builder()
                    .table(TableResource.builder()
                            .catalogId(producerAccountId)
                            .databaseName(producerDatabase)
                            .name(table)
                            .build())
                    .build(), List.of(Permission.SELECT, Permission.DESCRIBE)));
        }
        return grants;
    }

    /** {@code lake-formation-grants/<stack>/<logical id>}: the same for the resource's whole life. */
    static String physicalId(String stackName, String logicalResourceId) {
        return "lake-formation-grants/" + stackName + "/" + logicalResourceId;
    }
}
