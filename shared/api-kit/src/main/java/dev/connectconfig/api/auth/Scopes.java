package dev.connectconfig.api.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scopes say which flow configs an access level covers: an exact id ({@code +18005550100}), a prefix pattern
 * ({@code sales-*}) or {@code *}. Cedar has no glob match on data, so a config carries every key a scope could name
 * it by, and a policy permits when the caller's scopes and the config's keys intersect.
 */
public final class Scopes {

    /** Any flow config. */
    public static final String ALL = "*";
    /** A scope is an id, optionally followed by one {@code *}; a {@code *} elsewhere is not a pattern we support. */
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9+_.:-]{1,128}\\*?");
    /** Custom attributes hold at most 2048 characters; this bounds what one claim can cost to evaluate. */
    public static final int MAX_PER_LEVEL = 100;

    private Scopes() {
    }

    public static boolean isValid(String scope) {
        return ALL.equals(scope) || (scope != null && SCOPE.matcher(scope).matches());
    }

    /**
     * The keys a scope can name config {@code id} by: {@code *}, every prefix of the id followed by {@code *}, and
     * the id itself. {@code sales-*} names {@code sales-emea} because {@code sales-*} is among its keys.
     */
    public static Set<String> keysOf(String id) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(ALL);
        for (int length = 1; length <= id.length(); length++) {
            keys.add(id.substring(0, length) + ALL);
        }
        keys.add(id);
        return keys;
    }

    /**
     * The scopes in a claim: separated by commas or white space, with a surrounding {@code [...]} tolerated.
     * {@code invalid} receives what is not a scope, so it can be logged; it never widens access.
     */
    public static Set<String> parse(String claim, List<String> invalid) {
        Set<String> scopes = new LinkedHashSet<>();
        if (claim == null) {
            return scopes;
        }
        String list = claim.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        }
        for (String token : list.split("[,\\s]+")) {
            String scope = token.strip();
            if (scope.startsWith("\"") && scope.endsWith("\"") && scope.length() >= 2) {
                scope = scope.substring(1, scope.length() - 1);
            }
            if (scope.isEmpty()) {
                continue;
            }
            if (isValid(scope) && scopes.size() < MAX_PER_LEVEL) {
                scopes.add(scope);
            } else {
                invalid.add(scope);
            }
        }
        return scopes;
    }
}
