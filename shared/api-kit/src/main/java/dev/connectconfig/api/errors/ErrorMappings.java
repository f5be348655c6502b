package dev.connectconfig.api.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function's own exceptions and the API errors they are answered with, such as a store outage answered 503: the
 * kit maps {@link ApiException}s and unexpected failures, and each function registers what only it knows about.
 * Immutable; the first registered type the failure is an instance of decides.
 */
public final class ErrorMappings {

    private static final ErrorMappings NONE = new ErrorMappings(Map.of());

    private final Map<Class<? extends RuntimeException>, Function<RuntimeException, ApiException>> answers;

    private ErrorMappings(Map<Class<? extends RuntimeException>, Function<RuntimeException, ApiException>> answers) {
        this.answers = answers;
    }

    public static ErrorMappings none() {
        return NONE;
    }

    /** These mappings and one more: a {@code type} thrown by a route is answered with {@code answer}'s error. */
    public <E extends RuntimeException> ErrorMappings map(Class<E> type, Function<? super E, ApiException> answer) {
        if (answers.containsKey(type)) {
            throw new IllegalArgumentException(type.getName() + " is mapped twice");
        }
        Map<Class<? extends RuntimeException>, Function<RuntimeException, ApiException>> more =
                new LinkedHashMap<>(answers);
        more.put(type, failure -> answer.apply(type.cast(failure)));
        return new ErrorMappings(more);
    }

    /**
     * These mappings and a store's outage: a {@code type} thrown by a route is a 503 {@code STORE_UNAVAILABLE} (with
     * Retry-After) that says "{@code store} is unavailable right now" and never names a table or quotes the failure.
     */
    public ErrorMappings storeOutage(Class<? extends RuntimeException> type, String store) {
        return map(type, failure -> new ApiException(503, "STORE_UNAVAILABLE",
                store + " is unavailable right now; try again shortly."));
    }

    /** The API error registered for {@code failure}'s type, if any. */
    public Optional<ApiException> answer(Throwable failure) {
        for (var mapping : answers.entrySet()) {
            if (mapping.getKey().isInstance(failure)) {
                return Optional.of(mapping.getValue().apply((RuntimeException) failure));
            }
        }
        return Optional.empty();
    }
}
