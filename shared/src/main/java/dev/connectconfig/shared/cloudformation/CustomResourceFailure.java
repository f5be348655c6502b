package dev.connectconfig.shared.cloudformation;

import java.util.Collection;
import java.util.List;

/**
 * A custom-resource operation that cannot succeed, with the reason CloudFormation shows in the stack events. The
 * reason is short and says what to fix; it never carries a stack trace.
 */
public class CustomResourceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CustomResourceFailure(String reason) {
        super(reason);
    }

    public CustomResourceFailure(String reason, Throwable cause) {
        super(reason, cause);
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
