package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What keeps GetConfig's cold start at the SDK floor stays out of its jar: Log4j, Powertools, aws-embedded-metrics
 * and the runtime's POJO serialization (see the benchmark in docs/contributors.md); its own SLF4J provider is the only
 * one in it.
 */
class DeployedJarIT {

    @Test
    void theJarHoldsNoLoggingOrMetricsFrameworkAndOneSlf4jProvider() throws Exception {
        try (JarFile jar = new JarFile(Path.of("target", "get-config.jar").toFile())) {
            List<String> heavy = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("org/apache/logging/")
                            || name.startsWith("software/amazon/lambda/powertools/")
                            || name.startsWith("software/amazon/cloudwatchlogs/")
                            || name.startsWith("com/amazonaws/services/lambda/runtime/serialization/")
                            || name.equals("log4j2.xml"))
                    .toList();
            String providers = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).readAllBytes()).trim();

            assertTrue(heavy.isEmpty(), heavy.toString());
            assertEquals(SdkLogProvider.class.getName(), providers);
        }
    }
}
