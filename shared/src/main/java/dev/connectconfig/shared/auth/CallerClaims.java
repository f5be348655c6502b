package dev.connectconfig.shared.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.shared.errors.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the caller from {@code requestContext.authorizer.claims}, which API Gateway fills only after the Cognito
 * authorizer has verified the ID token. Headers and the body are never read for identity, so a client cannot forge
 * one. Clients send the ID token: access tokens carry no custom attributes.
 */
public final class CallerClaims {

    public static final String SUBJECT = "sub";
    public static final String USERNAME = "cognito:username";
    public static final String GROUPS = "cognito:groups";
    /** Cognito custom attributes, each a comma-separated list of scopes. */
    public static final String FULL_SCOPES = "custom:fc_full";
    public static final String EDIT_SCOPES = "custom:fc_edit";
    public static final String READ_SCOPES = "custom:fc_read";
    /** Cognito groups that grant {@code *} at one level. */
    public static final String ADMIN_GROUP = "FlowConfigAdmin";
    public static final String EDIT_GROUP = "FlowConfigEdit";
    public static final String READ_GROUP = "FlowConfigRead";

    private static final Logger LOG = LoggerFactory.getLogger(CallerClaims.class);
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Graph} ]{1,128}");

    private CallerClaims() {
    }

    /** The verified caller; a request without verified claims answers 401. */
    public static Caller caller(APIGatewayProxyRequestEvent event) {
        Map<?, ?> claims = claims(event);
        String subject = text(claims.get(SUBJECT));
        if (subject == null || !PRINTABLE.matcher(subject).matches()) {
            throw ApiException.unauthorized("The request carries no verified identity; sign in and send the ID token.");
        }
        String username = text(claims.get(USERNAME));
        String name = username != null && PRINTABLE.matcher(username).matches() ? username : subject;

        Set<String> groups = groups(claims.get(GROUPS));
        List<String> invalid = new ArrayList<>();
        Set<String> full = Scopes.parse(text(claims.get(FULL_SCOPES)), invalid);
        Set<String> edit = Scopes.parse(text(claims.get(EDIT_SCOPES)), invalid);
        Set<String> read = Scopes.parse(text(claims.get(READ_SCOPES)), invalid);
        if (groups.contains(ADMIN_GROUP)) {
            full.add(Scopes.ALL);
        }
        if (groups.contains(EDIT_GROUP)) {
            edit.add(Scopes.ALL);
        }
        if (groups.contains(READ_GROUP)) {
            read.add(Scopes.ALL);
        }
        if (!invalid.isEmpty()) {
            LOG.warn("ignored scopes that are not an id, a prefix pattern or *: subject={}, count={}", subject,
                    invalid.size());
        }
        return new Caller(subject, name, groups, read, edit, full);
    }

    private static Map<?, ?> claims(APIGatewayProxyRequestEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return Map.of();
        }
        Object claims = event.getRequestContext().getAuthorizer().get("claims");
        return claims instanceof Map<?, ?> map ? map : Map.of();
    }

    /** REST APIs pass groups as {@code a,b}; HTTP APIs and local runners as {@code [a b]} or a list. */
    private static Set<String> groups(Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(group -> groups.add(String.valueOf(group).strip()));
            return groups;
        }
        String text = text(claim);
        if (text == null) {
            return groups;
        }
        String list = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        for (String group : list.split("[,\\s]+")) {
            String name = group.strip().replace("\"", "");
            if (!name.isEmpty()) {
                groups.add(name);
            }
        }
        return groups;
    }

    private static String text(Object value) {
        if (!(value instanceof String string)) {
            return null;
        }
        String stripped = string.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
