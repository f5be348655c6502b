package dev.connectconfig.usersexport;

/**
 * Why an export did not complete. The invocation fails with it, so Lambda retries it and, after the retries, the
 * event lands in the dead-letter queue with this message. Messages name ids and days, never a user's data.
 */
final class ExportFailedException extends RuntimeException {

    enum Reason {
        /** The event is not a schedule or a valid backfill request; nothing was started. */
        INVALID_REQUEST,
        /** Athena reports the query FAILED or CANCELLED; the message carries Athena's reason. */
        QUERY_FAILED,
        /** The query was still running when the function's time ran short; a retry picks the same query up. */
        QUERY_STILL_RUNNING,
        /** The result object is missing or is not the CSV Athena writes. */
        RESULT_UNREADABLE,
        /** Copying did not finish in the function's remaining time; the upload was aborted. */
        OUT_OF_TIME,
        /** S3 refused or failed a write; the upload was aborted. */
        UPLOAD_FAILED
    }

    private final Reason reason;

    ExportFailedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    ExportFailedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
