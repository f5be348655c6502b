package dev.connectconfig.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    private static String renamed(Map<String, String> environment) {
        return Env.renamed("METRICS_NAMESPACE", "POWERTOOLS_METRICS_NAMESPACE", "ConnectConfig", environment::get);
    }

    @Test
    void aRenamedVariableIsReadByItsNewNameFirst() {
        assertEquals("New", renamed(Map.of("METRICS_NAMESPACE", "New", "POWERTOOLS_METRICS_NAMESPACE", "Old")));
        assertEquals("New", renamed(Map.of("METRICS_NAMESPACE", "New")));
    }

    @Test
    void thenByItsOldNameForAStackDeployedBeforeTheRename() {
        assertEquals("Old", renamed(Map.of("POWERTOOLS_METRICS_NAMESPACE", "Old")));
        assertEquals("Old", renamed(Map.of("METRICS_NAMESPACE", " ", "POWERTOOLS_METRICS_NAMESPACE", "Old")));
    }

    @Test
    void elseTheFallback() {
        assertEquals("ConnectConfig", renamed(Map.of()));
        assertEquals("ConnectConfig", renamed(Map.of("METRICS_NAMESPACE", "", "POWERTOOLS_METRICS_NAMESPACE", "")));
    }
}
