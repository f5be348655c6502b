package dev.connectconfig.grants;

import dev.connectconfig.shared.cloudformation.CustomResourceFailure;
import dev.connectconfig.shared.cloudformation.ResourceProperties;
import dev.connectconfig.shared.datalake.ConnectDataLake;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
