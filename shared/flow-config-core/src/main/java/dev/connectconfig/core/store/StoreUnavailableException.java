package dev.connectconfig.core.store;

/** The store did not answer in time or at all; the cause is for logs, never for a caller. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
