package dev.connectconfig.api.errors;

import java.util.List;
import java.util.function.Function;

/**
 * One problem with one field of a request, as a 400's {@code details} list names it: {@code field} is a JSON path such
 * as {@code variables.Closure} (empty for the body as a whole), {@code message} what is wrong with it.
 */
public record FieldError(String field, String message) {

    /** A function's own problem records (a domain's validation results) as field errors, in their order. */
    public static <T> List<FieldError> all(List<T> problems, Function<T, String> field, Function<T, String> message) {
        return problems.stream().map(p -> new FieldError(field.apply(p), message.apply(p))).toList();
    }
}
