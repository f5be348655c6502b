package dev.connectconfig.api.auth;

import java.util.Set;

/**
 * Who is calling, from the claims API Gateway's Cognito authorizer verified: the subject, a name for
 * {@code updatedBy}, and the scopes held at each access level (groups already folded in).
 */
public record Caller(String subject, String name, Set<String> groups, Set<String> readScopes,
        Set<String> editScopes, Set<String> fullScopes) {

    public Caller {
        groups = Set.copyOf(groups);
        readScopes = Set.copyOf(readScopes);
        editScopes = Set.copyOf(editScopes);
        fullScopes = Set.copyOf(fullScopes);
    }
}
