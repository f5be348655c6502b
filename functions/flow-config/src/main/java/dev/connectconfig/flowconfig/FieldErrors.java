package dev.connectconfig.flowconfig;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import dev.connectconfig.core.validation.Violation;
import java.util.List;

/**
 * The flow-config domain's violations as the API's field errors: validation (and its JSON helpers) speaks
 * {@link Violation}, a 400's {@code details} list {@link FieldError}, so the API kit knows nothing of flow configs.
 */
final class FieldErrors {

    private FieldErrors() {
    }

    static List<FieldError> of(List<Violation> violations) {
        return FieldError.all(violations, Violation::field, Violation::message);
    }

    /** The 400 for a request with these violations. */
    static ApiException invalid(List<Violation> violations) {
        return ApiException.invalid(of(violations));
    }
}
