package dev.connectconfig.api.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.ApiRequests;
import dev.connectconfig.api.errors.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
    /**
     * The company identity provider's groups, mapped by the user pool into this custom attribute: a group named
     * {@code FlowConfigReaders}, {@code FlowConfigEditors} or {@code FlowConfigAdmins} grants Read, Edit or Full on
     * {@code *}; with a suffix ({@code FlowConfigEditors-sales}) on {@code <suffix>-*}. Other groups grant nothing.
     */
    public static final String IDP_GROUPS = "custom:fc_groups";
    /** The whole name must match: {@code FlowConfigEditorsX} and {@code xFlowConfigEditors} are other groups. */
    static final Pattern IDP_GROUP = Pattern.compile("FlowConfig(Readers|Editors|Admins)(?:-([A-Za-z0-9_.-]{1,100}))?");
    /** The attribute holds at most 2048 characters; a longer claim is not one the user pool issued. */
    static final int MAX_IDP_GROUPS_CHARS = 2048;
    static final int MAX_IDP_GROUPS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(CallerClaims.class);
    /** ID tokens are a few KB; a header far larger is not one. */
    private static final int MAX_TOKEN_PAYLOAD = 16 * 1024;
    private static final ObjectMapper TOKEN_JSON = new ObjectMapper();
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

        Set<String> groups = groups(claims.get(GROUPS), idTokenGroups(event, subject));
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
        for (String group : idpGroups(claims.get(IDP_GROUPS))) {
            Matcher match = IDP_GROUP.matcher(group);
            if (match.matches()) {
                String scope = match.group(2) == null ? Scopes.ALL : match.group(2) + "-" + Scopes.ALL;
                switch (match.group(1)) {
                    case "Admins" -> full.add(scope);
                    case "Editors" -> edit.add(scope);
                    default -> read.add(scope);
                }
            }
        }
        if (!invalid.isEmpty()) {
            LOG.warn("ignored scopes that are not an id, a prefix pattern or *: subject={}, count={}", subject,
                    invalid.size());
        }
        return new Caller(subject, name, groups, read, edit, full);
    }

    /**
     * The verified caller, who must hold some level on some scope: one who holds none (signed in through the
     * company's identity provider, say, but in no group that maps to a level) is answered 403 {@code NO_ACCESS}
     * saying so, before any route reads or asks anything.
     */
    public static Caller callerWithAccess(APIGatewayProxyRequestEvent event) {
        Caller caller = caller(event);
        if (caller.readScopes().isEmpty() && caller.editScopes().isEmpty() && caller.fullScopes().isEmpty()) {
            throw new ApiException(403, "NO_ACCESS", "You are signed in as " + caller.name() + " but none of your "
                    + "groups grants access to flow configs; ask your administrator to add you to FlowConfigReaders, "
                    + "FlowConfigEditors or FlowConfigAdmins (or one for your configs, such as "
                    + "FlowConfigEditors-sales).");
        }
        return caller;
    }

    /**
     * The identity provider's group names in {@code custom:fc_groups}, in any of the shapes it arrives in: a JSON
     * array string ({@code ["a","b"]}), the bracketed list Cognito makes of a multi-valued attribute
     * ({@code [a, b]}), or a plain comma-separated string ({@code a,b}). Names are trimmed of the spaces the list
     * puts around them and otherwise compared exactly; anything else grants nothing.
     */
    static List<String> idpGroups(Object claim) {
        List<String> names = new ArrayList<>();
        if (!(claim instanceof String text) || text.isBlank() || text.length() > MAX_IDP_GROUPS_CHARS) {
            return names;
        }
        String list = text.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
            try {
                JsonNode array = TOKEN_JSON.readTree(list);
                if (array != null && array.isArray()) {
                    for (JsonNode name : array) {
                        if (name.isTextual() && names.size() < MAX_IDP_GROUPS) {
                            names.add(name.textValue().strip());
                        }
                    }
                    return names;
                }
            } catch (IOException e) {
                // not JSON: Cognito's own [a, b]
            }
            list = list.substring(1, list.length() - 1);
        }
        for (String name : list.split(",", -1)) {
            if (!name.isBlank() && names.size() < MAX_IDP_GROUPS) {
                names.add(name.strip());
            }
        }
        return names;
    }

    private static Map<?, ?> claims(APIGatewayProxyRequestEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return Map.of();
        }
        Object claims = event.getRequestContext().getAuthorizer().get("claims");
        return claims instanceof Map<?, ?> map ? map : Map.of();
    }

    /**
     * The groups exactly as a REST API's Cognito authorizer delivers them: one string, the names joined by commas with
     * nothing around them ({@code FlowConfigAdmin} or {@code FlowConfigRead,Supervisors}). Each name is kept as it is:
     * nothing is trimmed, unquoted or unbracketed, so {@code [FlowConfigAdmin]} is some other group and grants
     * nothing. Any other shape of claim is not what API Gateway sends and grants nothing.
     *
     * <p>Joined by commas, a group named {@code x,FlowConfigAdmin} reads like two groups. So when the ID token the
     * authorizer verified is in the request and its groups, joined the same way, are exactly the claim, its names are
     * taken as they are: a name with a comma then stays one name and grants nothing.
     */
    static Set<String> groups(Object claim, List<String> idTokenGroups) {
        Set<String> groups = new LinkedHashSet<>();
        if (!(claim instanceof String text) || text.isEmpty()) {
            return groups;
        }
        if (idTokenGroups != null && String.join(",", idTokenGroups).equals(text)) {
            groups.addAll(idTokenGroups);
            return groups;
        }
        for (String group : text.split(",", -1)) {
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }

    /**
     * The {@code cognito:groups} list of the ID token in the {@code Authorization} header, when that token is the
     * caller's (same {@code sub}); null otherwise. Only used to split the verified claim, never to add to it.
     */
    static List<String> idTokenGroups(APIGatewayProxyRequestEvent event, String subject) {
        String header = ApiRequests.header(event, "Authorization");
        if (header == null) {
            return null;
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header.strip();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].length() > MAX_TOKEN_PAYLOAD) {
            return null;
        }
        try {
            JsonNode payload = TOKEN_JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (payload == null || !payload.isObject()) {
                return null;
            }
            JsonNode list = payload.get(GROUPS);
            if (!subject.equals(payload.path(SUBJECT).textValue()) || list == null || !list.isArray()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode name : list) {
                if (!name.isTextual()) {
                    return null;
                }
                names.add(name.textValue());
            }
            return names;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Object value) {
        if (!(value instanceof String string)) {
            return null;
        }
        String stripped = string.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
