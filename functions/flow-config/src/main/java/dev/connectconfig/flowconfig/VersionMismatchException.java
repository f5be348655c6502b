package dev.connectconfig.flowconfig;

import dev.connectconfig.api.errors.ApiException;
import java.util.Map;

/**
 * A write whose {@code If-Match} names a version that is no longer current: 412 with the current version in the
 * body and the {@code ETag} header, so the client can reload and reapply its change.
 */
public final class VersionMismatchException extends ApiException {

    private final Long currentVersion;

    /** @param currentVersion the stored version, or null when the config no longer exists */
    public VersionMismatchException(String message, Long currentVersion) {
        super(412, "VERSION_MISMATCH", message);
        this.currentVersion = currentVersion;
    }

    public Long currentVersion() {
        return currentVersion;
    }

    @Override
    public Map<String, Object> responseFields() {
        return currentVersion == null ? Map.of() : Map.of("currentVersion", currentVersion);
    }

    @Override
    public Map<String, String> responseHeaders() {
        return currentVersion == null ? Map.of() : Map.of("ETag", ETags.of(currentVersion));
    }
}
