package dev.connectconfig.usersexport;

import java.time.Instant;

/** A clock that moves only when told: polling waits advance it instead of sleeping. */
final class ManualClock extends dev.connectconfig.testing.ManualClock {

    ManualClock(Instant now) {
        super(now);
    }

    public static ManualClock at(String instant) {
        return new ManualClock(Instant.parse(instant));
    }

    Sleeper sleeper() {
        return this::advance;
    }
}
