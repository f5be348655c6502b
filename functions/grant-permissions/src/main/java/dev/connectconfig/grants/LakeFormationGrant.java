package dev.connectconfig.grants;

import java.util.List;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * One Lake Formation grant: permissions for a principal on one catalog resource. The id ({@code link:users_link})
 * names the entry in batch calls and in failure reasons.
 */
record LakeFormationGrant(String id, String principalArn, Resource resource, List<Permission> permissions) {

    LakeFormationGrant {
        permissions = List.copyOf(permissions);
    }

    BatchPermissionsRequestEntry entry() {
        return BatchPermissionsRequestEntry.builder()
                .id(id)
                .principal(principal())
                .resource(resource)
                .permissions(permissions)
                .build();
    }

    DataLakePrincipal principal() {
        return DataLakePrincipal.builder().dataLakePrincipalIdentifier(principalArn).build();
    }
}
