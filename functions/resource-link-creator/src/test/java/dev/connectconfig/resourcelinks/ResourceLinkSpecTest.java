package dev.connectconfig.resourcelinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.platform.cloudformation.CustomResourceRequest;
import dev.connectconfig.platform.cloudformation.InvalidPropertyException;
import dev.connectconfig.platform.cloudformation.ResourceProperties;
import dev.connectconfig.platform.datalake.ConnectDataLake;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceLinkSpecTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("ProducerAccountId", "111122223333");
        properties.put("ConsumerDatabase", "connect_analytics_consumer");
        return properties;
    }

    @Test
    void defaultsAreTheDataLakesTablesDatabaseAndSuffix() {
        ResourceLinkSpec spec = ResourceLinkSpec.from(ResourceProperties.of(minimal()));

        assertEquals(ConnectDataLake.DEFAULT_TABLES, spec.tables());
        assertEquals("connect_datalake", spec.producerDatabase());
        assertEquals("users_link", spec.linkName("users"));
        assertEquals(ResourceLinkSpec.MissingTables.FAIL, spec.missingTables());
        assertEquals(new LinkTarget("111122223333", "connect_datalake", "users"), spec.target("users"));
    }

    @Test
    void aCommaSeparatedListAndACloudFormationListReadTheSame() {
        Map<String, Object> asString = minimal();
        asString.put("Tables", "users, contact_record,");
        Map<String, Object> asList = minimal();
        asList.put("Tables", List.of("users", "contact_record"));

        assertEquals(List.of("users", "contact_record"), ResourceLinkSpec.from(ResourceProperties.of(asString))
                .tables());
        assertEquals(List.of("users", "contact_record"), ResourceLinkSpec.from(ResourceProperties.of(asList))
                .tables());
    }

    @Test
    void badNamesAreRefusedNamingThePropertyAndTheValue() {
        Map<String, Object> upper = minimal();
        upper.put("Tables", List.of("users", "Contact_Record"));
        Map<String, Object> twice = minimal();
        twice.put("Tables", List.of("users", "users"));
        Map<String, Object> mode = minimal();
        mode.put("MissingTables", "ignore");

        assertEquals("Property Tables: 'Contact_Record' is not " + ConnectDataLake.NAME_RULE,
                assertThrows(InvalidPropertyException.class,
                        () -> ResourceLinkSpec.from(ResourceProperties.of(upper))).reason());
        assertEquals("Property Tables: 'users' is listed twice", assertThrows(InvalidPropertyException.class,
                () -> ResourceLinkSpec.from(ResourceProperties.of(twice))).reason());
        assertEquals("Property MissingTables: 'ignore' is not one of [fail, skip]",
                assertThrows(InvalidPropertyException.class,
                        () -> ResourceLinkSpec.from(ResourceProperties.of(mode))).reason());
    }

    @Test
    void aListTooLongToReportInCloudFormationsFourKilobytesIsRefusedUpFront() {
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            tables.add("contact_lens_conversational_analytics_" + i);
        }
        Map<String, Object> properties = minimal();
        properties.put("Tables", tables);

        InvalidPropertyException refused = assertThrows(InvalidPropertyException.class,
                () -> ResourceLinkSpec.from(ResourceProperties.of(properties)));

        assertTrue(refused.reason().contains("split the list"), refused.reason());
        properties.put("Tables", tables.subList(0, 30));
        assertEquals(30, ResourceLinkSpec.from(ResourceProperties.of(properties)).tables().size());
    }

    @Test
    void thePhysicalIdNamesStackResourceAndDatabaseAndParsesBack() {
        CustomResourceRequest request = new CustomResourceRequest("Create",
                "arn:aws:cloudformation:us-east-1:123456789012:stack/connect-config-prod/0a1b", "connect-config-prod",
                "123456789012", "AnalyticsResourceLinks", null, ResourceProperties.of(minimal()),
                ResourceProperties.of(null), false);

        String id = ResourceLinkSpec.physicalId(request, request.properties());

        assertEquals("resource-links/connect-config-prod/AnalyticsResourceLinks/connect_analytics_consumer", id);
        assertEquals("connect_analytics_consumer", ResourceLinkSpec.consumerDatabaseOf(id));
        assertNull(ResourceLinkSpec.consumerDatabaseOf("resource-links/connect-config-prod/AnalyticsResourceLinks"));
        assertNull(ResourceLinkSpec.consumerDatabaseOf("2025/06/01/[$LATEST]abc"));
    }
}
