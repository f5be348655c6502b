package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("ANALYTICS_DATABASE", "connect_analytics_consumer");
        env.put("ATHENA_WORKGROUP", "connect-analytics");
        env.put("EXPORT_BUCKET", "example-users-export");
        return env;
    }

    private static ExportSettings settings(Map<String, String> env) {
        return ExportSettings.from(env::get);
    }

    private static String rejection(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> settings(env)).getMessage();
    }

    @Test
    void defaultsAreTheUsersLinkJsonLinesAndTheUsersExportPrefix() {
        ExportSettings settings = settings(minimal());

        assertEquals("users_link", settings.table());
        assertEquals("users-export", settings.prefix());
        assertEquals(OutputFormat.JSONL, settings.format());
        assertEquals(List.of(), settings.columns());
        assertNull(settings.athenaOutputLocation());
        assertEquals("SELECT * FROM \"connect_analytics_consumer\".\"users_link\"", settings.query());
    }

    @Test
    void aColumnListAndCsvAreHonoured() {
        Map<String, String> env = minimal();
        env.put("EXPORT_COLUMNS", " user_id, username ,email,");
        env.put("EXPORT_FORMAT", "CSV");
        env.put("EXPORT_PREFIX", "/exports/connect/");
        ExportSettings settings = settings(env);

        assertEquals("SELECT \"user_id\", \"username\", \"email\" FROM \"connect_analytics_consumer\".\"users_link\"",
                settings.query());
        assertEquals(OutputFormat.CSV, settings.format());
        assertEquals("exports/connect", settings.prefix());
    }

    @Test
    void identifiersThatCouldChangeTheQueryAreRejectedNamingTheVariable() {
        Map<String, String> env = minimal();
        env.put("USERS_TABLE", "users_link\" UNION SELECT * FROM \"secrets");
        assertTrue(rejection(env).startsWith("USERS_TABLE must be lower-case letters"), rejection(env));

        env = minimal();
        env.put("ANALYTICS_DATABASE", "connect analytics");
        assertTrue(rejection(env).startsWith("ANALYTICS_DATABASE"));

        env = minimal();
        env.put("EXPORT_COLUMNS", "user_id,email) FROM x --");
        assertTrue(rejection(env).startsWith("EXPORT_COLUMNS"));

        env = minimal();
        env.put("EXPORT_COLUMNS", "user_id,user_id");
        assertTrue(rejection(env).contains("twice"));
    }

    @Test
    void locationsAndFormatAreValidatedToo() {
        Map<String, String> env = minimal();
        env.put("EXPORT_BUCKET", "Not_A_Bucket");
        assertTrue(rejection(env).startsWith("EXPORT_BUCKET"));

        env = minimal();
        env.put("EXPORT_PREFIX", "users export");
        assertTrue(rejection(env).startsWith("EXPORT_PREFIX"));

        env = minimal();
        env.put("EXPORT_FORMAT", "parquet");
        assertTrue(rejection(env).contains("jsonl or csv"));

        env = minimal();
        env.put("ATHENA_OUTPUT_LOCATION", "https://example.com/");
        assertTrue(rejection(env).startsWith("ATHENA_OUTPUT_LOCATION"));

        env = minimal();
        env.remove("ATHENA_WORKGROUP");
        assertTrue(rejection(env).contains("ATHENA_WORKGROUP is not set"));
    }
}
