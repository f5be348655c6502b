package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --replica <primary-region>} sets the template's PrimaryRegion; a region that cannot be primary is refused. */
class ReplicaOptionTest {

    private static LocalRunner.Options parse(String... args) {
        return LocalRunner.Options.parse(args, Path.of("/repo"));
    }

    @Test
    void replicaNamesThePrimaryRegion() {
        assertEquals(Map.of("PrimaryRegion", "eu-west-1"), parse("--replica", "eu-west-1").parameters());
        assertEquals(Map.of(), parse().parameters());
    }

    @Test
    void theRunnersOwnRegionOrANonRegionIsRefused() {
        for (String primary : new String[] {"us-east-1", "Europe", "eu-west-1;rm", ""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> parse("--replica", primary));
            assertTrue(refused.getMessage().contains("--replica takes the primary region"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> parse("--replica"));
    }
}
