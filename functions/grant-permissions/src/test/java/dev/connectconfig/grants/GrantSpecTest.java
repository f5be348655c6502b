package dev.connectconfig.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.platform.cloudformation.ResourceProperties;
import dev.connectconfig.platform.datalake.ConnectDataLake;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.TableResource;

class GrantSpecTest {

    private static Map<String, Object> properties(Object tables) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("PrincipalArn", "arn:aws:iam::123456789012:role/service-role/UsersExport");
        properties.put("ConsumerDatabase", "connect_analytics_consumer");
        properties.put("ProducerAccountId", "111122223333");
        if (tables != null) {
            properties.put("Tables", tables);
        }
        return properties;
    }

    @Test
    void oneDatabaseGrantThenALinkAndATargetGrantPerTable() {
        List<LakeFormationGrant> grants = GrantSpec.from(ResourceProperties.of(properties(List.of("users"))))
                .grants();

        assertEquals(List.of("database:connect_analytics_consumer", "link:users_link", "target:users"),
                grants.stream().map(LakeFormationGrant::id).toList());
        assertEquals("connect_analytics_consumer", grants.get(0).resource().database().name());
        assertEquals(List.of(Permission.DESCRIBE), grants.get(1).permissions());
        assertEquals(TableResource.builder().databaseName("connect_analytics_consumer").name("users_link").build(),
                grants.get(1).resource().table());
        assertEquals(TableResource.builder().catalogId("111122223333").databaseName("connect_datalake")
                .name("users").build(), grants.get(2).resource().table());
        assertEquals(List.of(Permission.SELECT, Permission.DESCRIBE), grants.get(2).permissions());
        assertTrue(grants.stream().allMatch(g -> g.principalArn().endsWith("role/service-role/UsersExport")));
    }

    @Test
    void withoutATableListTheDataLakeTablesAreGranted() {
        GrantSpec spec = GrantSpec.from(ResourceProperties.of(properties(null)));

        assertEquals(ConnectDataLake.DEFAULT_TABLES, spec.tables());
        assertEquals(1 + 2 * ConnectDataLake.DEFAULT_TABLES.size(), spec.grants().size());
    }

    @Test
    void anEmptyListFromSplittingNoLinkedTablesGrantsOnlyTheDatabase() {
        GrantSpec spec = GrantSpec.from(ResourceProperties.of(properties(List.of(""))));

        assertEquals(List.of("database:connect_analytics_consumer"),
                spec.grants().stream().map(LakeFormationGrant::id).toList());
    }
}
