package dev.connectconfig.flowconfig;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.aws.Env;

/**
 * Whether this region may change flow configs. With replica regions the table is a global table, and versions,
 * ETags and conditional writes stay exact only while every write happens in one region: {@code PRIMARY_REGION}
 * names it. Empty, absent or equal to {@code AWS_REGION}, this region is the primary; otherwise it is a read-only
 * replica, and every write route answers 409 {@code READ_ONLY_REGION} before it reads or asks anything.
 */
record WriteRegion(String region, String primary) {

    static final String PRIMARY_REGION_VARIABLE = "PRIMARY_REGION";
    /** A region that writes: no primary named. */
    static final WriteRegion PRIMARY = new WriteRegion("", "");

    static WriteRegion fromEnvironment() {
        return new WriteRegion(Env.optional("AWS_REGION", ""), Env.optional(PRIMARY_REGION_VARIABLE, ""));
    }

    WriteRegion {
        region = region == null ? "" : region.strip();
        primary = primary == null ? "" : primary.strip();
    }

    boolean readOnly() {
        return !primary.isEmpty() && !primary.equals(region);
    }

    /** 409 READ_ONLY_REGION naming the primary, unless this region may write. */
    void requireWritable() {
        if (readOnly()) {
            throw new ApiException(409, "READ_ONLY_REGION", "This region (" + (region.isEmpty() ? "unknown" : region)
                    + ") is a read-only replica; make changes in " + primary + ".");
        }
    }
}
