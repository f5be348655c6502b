package dev.connectconfig.grants;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lakeformation.model.Permission;

/**
 * Which permissions of a spec's grants this resource granted itself, as opposed to ones its principal already held:
 * only those are ever revoked.
 *
 * <p>The record lives in the physical id, {@code lake-formation-grants/<stack>/<logical id>/<fingerprint>.<bits>}:
 * one bit per permission of {@link GrantSpec#grants()}, in order, read only against the spec whose fingerprint it
 * carries. CloudFormation stores the physical id and hands it back on every Update and Delete, including the
 * rollback of a failed Create, so the record needs no store of its own (no SSM parameter, no table). The plain
 * {@code lake-formation-grants/<stack>/<logical id>} records that the resource granted nothing: that is also the id of
 * a Create that failed before granting, so a record that cannot be read always means "revoke nothing".
 *
 * <p>An Update that grants or revokes something gets a new id; CloudFormation then deletes the old id with the old
 * properties, which no longer agree with the function's configuration, and {@link GrantReconciler#remove} revokes
 * nothing for it. The id is not a secret, so a record is read only from the id CloudFormation holds for the resource
 * while it is updating or deleting it ({@code CustomResourceRequest#physicalIdConfirmed}): a hand-made event carrying
 * a forged record is refused, or revokes nothing.
 */
final class GrantRecord {

    private GrantRecord() {
    }

    /** The physical id recording {@code owned} (grant id → permissions this resource granted) for {@code spec}. */
    static String physicalId(String base, GrantSpec spec, Map<String, Set<Permission>> owned) {
        BitSet bits = new BitSet();
        int bit = 0;
        for (LakeFormationGrant grant : spec.grants()) {
            Set<Permission> mine = owned.getOrDefault(grant.id(), Set.of());
            for (Permission permission : grant.permissions()) {
                if (mine.contains(permission)) {
                    bits.set(bit);
                }
                bit++;
            }
        }
        return bits.isEmpty() ? base : base + "/" + spec.fingerprint() + "." + HexFormat.of().formatHex(
                bits.toByteArray());
    }

    /**
     * The grants, reduced to the permissions this resource granted, that {@code physicalId} records for
     * {@code spec}; empty when it records nothing, or was not made for this spec.
     */
    static Optional<List<LakeFormationGrant>> owned(String physicalId, String base, GrantSpec spec) {
        if (physicalId == null || !physicalId.startsWith(base + "/")) {
            return Optional.empty();
        }
        String[] record = physicalId.substring(base.length() + 1).split("\\.", -1);
        if (record.length != 2 || !record[0].equals(spec.fingerprint()) || !record[1].matches("([0-9a-f]{2})+")) {
            return Optional.empty();
        }
        BitSet bits = BitSet.valueOf(HexFormat.of().parseHex(record[1]));
        List<LakeFormationGrant> owned = new ArrayList<>();
        int bit = 0;
        for (LakeFormationGrant grant : spec.grants()) {
            List<Permission> mine = new ArrayList<>();
            for (Permission permission : grant.permissions()) {
                if (bits.get(bit++)) {
                    mine.add(permission);
                }
            }
            if (!mine.isEmpty()) {
                owned.add(new LakeFormationGrant(grant.id(), grant.principalArn(), grant.resource(), mine));
            }
        }
        return bits.length() > bit ? Optional.empty() : Optional.of(owned);
    }

    /** Grant id → permissions, for grants reduced to what this resource granted. */
    static Map<String, Set<Permission>> byId(List<LakeFormationGrant> grants) {
        Map<String, Set<Permission>> byId = new LinkedHashMap<>();
        grants.forEach(grant -> byId.put(grant.id(), Set.copyOf(grant.permissions())));
        return byId;
    }
}
