package dev.connectconfig.api.errors;

/**
 * One problem with one field of a request, as a 400's {@code details} list names it: {@code field} is a JSON path such
 * as {@code variables.Closure} (empty for the body as a whole), {@code message} what is wrong with it.
 */
public record FieldError(String field, String message) {
}
