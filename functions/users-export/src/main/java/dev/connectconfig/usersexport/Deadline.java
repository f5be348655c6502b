package dev.connectconfig.usersexport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When the invocation must be done: Lambda's remaining time, read once at the start against the service's clock. */
record Deadline(Instant at, Clock clock) {

    static Deadline after(Clock clock, long remainingMillis) {
        return new Deadline(clock.instant().plusMillis(remainingMillis), clock);
    }

    Duration remaining() {
        return Duration.between(clock.instant(), at);
    }

    /** Whether at least {@code time} is left. */
    boolean allows(Duration time) {
        return remaining().compareTo(time) >= 0;
    }
}
