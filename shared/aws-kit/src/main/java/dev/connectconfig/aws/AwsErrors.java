package dev.connectconfig.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An AWS call's failure in a few words for people: the service's error code and its own message (which names the
 * resource and the missing permission), never a Java stack trace.
 */
public final class AwsErrors {

    private static final int MAX_MESSAGE = 200;

    private AwsErrors() {
    }

    public static String describe(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            String described = code == null ? "HTTP " + service.statusCode() : code;
            return message == null || message.isBlank() ? described : described + ": " + shortened(message);
        }
        if (failure instanceof SdkClientException) {
            return "no answer from the service (" + failure.getClass().getSimpleName() + ")";
        }
        return failure.getClass().getSimpleName();
    }

    /** The service's error code, or null when the failure is not a service error. */
    public static String code(Throwable failure) {
        return failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
    }

    public static boolean isThrottling(Throwable failure) {
        return failure instanceof AwsServiceException service && service.isThrottlingException();
    }

    private static String shortened(String message) {
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE - 3) + "..." : oneLine;
    }
}
