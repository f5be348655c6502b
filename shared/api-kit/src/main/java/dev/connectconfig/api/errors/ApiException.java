package dev.connectconfig.api.errors;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, with the HTTP status, a stable code a client can branch on and a message for a
 * person. Only these reach an API response; any other exception becomes a generic 500.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<FieldError> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }

    /** Fields the error body carries besides code, message and details, such as the version a 412 found. */
    public Map<String, Object> responseFields() {
        return Map.of();
    }

    /** Headers the error response carries, such as the ETag of the version a 412 found. */
    public Map<String, String> responseHeaders() {
        return Map.of();
    }

    public static ApiException invalid(List<FieldError> details) {
        return new ApiException(400, "VALIDATION_FAILED", "The request is not valid: " + details.size()
                + (details.size() == 1 ? " problem." : " problems."), details);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "TOO_LARGE", message);
    }
}
