package dev.connectconfig.platform.cloudformation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A custom-resource operation that cannot succeed, with the reason CloudFormation shows in the stack events. The
 * reason is short and says what to fix; it never carries a stack trace.
 */
public class CustomResourceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String physicalResourceId;

    public CustomResourceFailure(String reason) {
        this(reason, null, null);
    }

    public CustomResourceFailure(String reason, Throwable cause) {
        this(reason, cause, null);
    }

    /**
     * A failed Create that already changed something: {@code physicalResourceId} records what, and CloudFormation
     * sends it back in the rollback's Delete, which can then undo exactly that.
     */
    public CustomResourceFailure(String reason, Throwable cause, String physicalResourceId) {
        super(reason, cause);
        this.physicalResourceId = physicalResourceId;
    }

    /** The physical id a failed Create reports instead of its usual one, when the failure says so. */
    public Optional<String> physicalResourceId() {
        return Optional.ofNullable(physicalResourceId);
    }

    /** The text CloudFormation shows as the resource's status reason. */
    public String reason() {
        return getMessage();
    }

    /** Names for a reason, the first ten of them: {@code a, b, c and 4 more}. */
    public static String names(Collection<String> names) {
        List<String> all = List.copyOf(names);
        int shown = Math.min(all.size(), 10);
        String listed = String.join(", ", all.subList(0, shown));
        return shown == all.size() ? listed : listed + " and " + (all.size() - shown) + " more";
    }
}
