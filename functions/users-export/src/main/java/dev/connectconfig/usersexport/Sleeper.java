package dev.connectconfig.usersexport;

import java.time.Duration;

/** Waits between polls; tests substitute one that advances a manual clock instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
