package dev.connectconfig.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.testing.TemplateContract;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about GrantPermissions, checked against the jar this module built. */
class TemplateContractIT {

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("GrantPermissionsFunction"),
                TemplateContract.verifyModule("functions/grant-permissions"));
    }
}
