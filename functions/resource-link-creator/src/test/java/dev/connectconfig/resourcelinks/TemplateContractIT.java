package dev.connectconfig.resourcelinks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.testing.TemplateContract;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about ResourceLinkCreator, checked against the jar this module built. */
class TemplateContractIT {

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("ResourceLinkCreatorFunction"),
                TemplateContract.verifyModule("functions/resource-link-creator"));
    }
}
