package dev.connectconfig.flowconfig;

import dev.connectconfig.core.validation.Violation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Instants in requests: ISO-8601 with a zone offset ({@code 2026-12-24T22:00:00Z}, {@code ...-05:00}). */
final class ApiInstants {

    private ApiInstants() {
    }

    /** The instant, or null when {@code text} is null; a violation naming {@code field} when it is no instant. */
    static Instant parse(String text, String field, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() <= 40) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        violations.add(new Violation(field, "must be an ISO-8601 instant with an offset, such as "
                + "2026-12-24T22:00:00Z"));
        return null;
    }
}
