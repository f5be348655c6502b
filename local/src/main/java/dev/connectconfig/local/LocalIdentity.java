package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.auth.CallerClaims;
import dev.connectconfig.api.auth.Scopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Local sign-in standing in for Cognito: {@code POST /local-login} with a username and an access level (or Cognito
 * groups) issues a signed token whose claims are exactly those API Gateway's Cognito authorizer passes to the
 * functions ({@code sub}, {@code cognito:username}, {@code cognito:groups}, {@code custom:fc_*}). With
 * {@code idpGroups} it signs in a user of the company's identity provider instead, with the claims Cognito gives a
 * SAML user: {@code cognito:username} {@code LocalIdP_<username>}, {@code identities}, the provider's own Cognito
 * group, and the IdP's groups in {@code custom:fc_groups} as Cognito writes a multi-valued attribute
 * ({@code [a, b]}). The signing key lives in the data folder, so tokens outlast a restart and {@code --reset}
 * revokes them.
 */
final class LocalIdentity {

    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "level", "scopes", "groups", "idpGroups");
    /** The identity provider a local federated user comes from, as a user pool names it. */
    static final String IDENTITY_PROVIDER = "LocalIdP";
    /** The group Cognito puts every user of that provider in: {@code <user pool id>_<provider name>}. */
    static final String PROVIDER_GROUP = "us-east-1_Local_" + IDENTITY_PROVIDER;
    /** A group name as an IdP may send it, less what would split Cognito's {@code [a, b]} list. */
    private static final Pattern IDP_GROUP = Pattern.compile("[^,\\[\\]\\p{Cntrl}]{1,256}");
    private static final Pattern USERNAME = Pattern.compile("[\\p{Graph}]{1,128}");
    private static final Map<String, String> LEVEL_CLAIMS = Map.of("full", CallerClaims.FULL_SCOPES,
            "edit", CallerClaims.EDIT_SCOPES, "read", CallerClaims.READ_SCOPES);
    private static final Set<String> GROUPS = Set.of(CallerClaims.ADMIN_GROUP, CallerClaims.EDIT_GROUP,
            CallerClaims.READ_GROUP);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    /** A login the runner refuses, with the field at fault. */
    static final class InvalidLoginException extends RuntimeException {
        final String field;

        InvalidLoginException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private final byte[] key;
    private final Clock clock;

    LocalIdentity(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** The identity whose key is kept in {@code folder} (created on first use). */
    static LocalIdentity inFolder(Path folder) {
        Path file = folder.resolve("identity.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(folder);
                Files.write(file, key);
            }
            return new LocalIdentity(Files.readAllBytes(file), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body answering a login: the token and the claims it carries. */
    Map<String, Object> login(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new InvalidLoginException("", "Send a JSON object such as {\"username\": \"ana\", \"level\": \"Full\"}.");
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!LOGIN_FIELDS.contains(name)) {
                throw new InvalidLoginException(name, "Unknown field; a login has username, level, scopes, groups.");
            }
        });
        String username = request.path("username").asText("");
        if (!request.path("username").isTextual() || !USERNAME.matcher(username).matches()) {
            throw new InvalidLoginException("username", "1 to 128 visible characters, no spaces.");
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put(CallerClaims.SUBJECT, UUID.nameUUIDFromBytes(("local:" + username).getBytes(StandardCharsets.UTF_8))
                .toString());
        claims.put(CallerClaims.USERNAME, username);
        List<String> groups = new ArrayList<>(texts(request, "groups"));
        if (request.has("idpGroups")) {
            List<String> idpGroups = texts(request, "idpGroups");
            for (String group : idpGroups) {
                if (!IDP_GROUP.matcher(group).matches() || !group.equals(group.strip())) {
                    throw new InvalidLoginException("idpGroups", "'" + group + "' is not a group name an identity "
                            + "provider sends here: 1 to 256 characters, no commas, brackets or surrounding spaces.");
                }
            }
            claims.put(CallerClaims.USERNAME, IDENTITY_PROVIDER + "_" + username);
            claims.put("identities", LocalJson.write(List.of(Map.of("userId", username, "providerName",
                    IDENTITY_PROVIDER, "providerType", "SAML", "issuer", "urn:local:idp", "primary", "true",
                    "dateCreated", Long.toString(clock.millis())))));
            String mapped = "[" + String.join(", ", idpGroups) + "]";
            if (mapped.length() > 2048) {
                throw new InvalidLoginException("idpGroups", "A user pool attribute holds at most 2048 characters.");
            }
            claims.put(CallerClaims.IDP_GROUPS, mapped);
        }
        for (String group : groups) {
            if (!GROUPS.contains(group)) {
                throw new InvalidLoginException("groups", "'" + group + "' is not one of " + GROUPS + ".");
            }
        }
        if (request.has("idpGroups")) {
            groups.add(0, PROVIDER_GROUP);
        }
        if (!groups.isEmpty()) {
            claims.put(CallerClaims.GROUPS, String.join(",", groups));
        }
        JsonNode level = request.get("level");
        List<String> scopes = texts(request, "scopes");
        if (level != null) {
            String claim = LEVEL_CLAIMS.get(level.asText("").toLowerCase(Locale.ROOT));
            if (claim == null || !level.isTextual()) {
                throw new InvalidLoginException("level", "Full, Edit or Read.");
            }
            List<String> granted = scopes.isEmpty() ? List.of(Scopes.ALL) : scopes;
            for (String scope : granted) {
                if (!Scopes.isValid(scope)) {
                    throw new InvalidLoginException("scopes", "'" + scope + "' is not a config id, a prefix pattern"
                            + " such as sales-* or *.");
                }
            }
            claims.put(claim, String.join(",", granted));
        } else if (!scopes.isEmpty()) {
            throw new InvalidLoginException("scopes", "Scopes need a level: Full, Edit or Read.");
        }
        long now = clock.instant().getEpochSecond();
        claims.put("token_use", "id");
        claims.put("iss", "local");
        claims.put("auth_time", Long.toString(now));
        claims.put("iat", Long.toString(now));
        claims.put("exp", Long.toString(now + LIFETIME.toSeconds()));

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", sign(claims));
        answer.put("expiresAt", clock.instant().plus(LIFETIME).toString());
        answer.put("claims", claims);
        return answer;
    }

    /** The claims of a valid, unexpired token in an Authorization header (raw, as Cognito's, or after Bearer). */
    Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            return Optional.empty();
        }
        byte[] expected = mac(parts[0] + "." + parts[1]);
        byte[] actual;
        Map<String, String> claims = new LinkedHashMap<>();
        try {
            actual = Base64.getUrlDecoder().decode(parts[2]);
            LocalJson.read(Base64.getUrlDecoder().decode(parts[1])).properties()
                    .forEach(claim -> claims.put(claim.getKey(), claim.getValue().asText()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(claims.getOrDefault("exp", "0")) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    String sign(Map<String, String> claims) {
        String payload = BASE64URL.encodeToString(LocalJson.write(claims).getBytes(StandardCharsets.UTF_8));
        return HEADER + "." + payload + "." + BASE64URL.encodeToString(mac(HEADER + "." + payload));
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode request, String field) {
        JsonNode node = request.get(field);
        List<String> texts = new ArrayList<>();
        if (node == null || node.isNull()) {
            return texts;
        }
        if (!node.isArray()) {
            throw new InvalidLoginException(field, "A list of strings.");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidLoginException(field, "A list of strings.");
            }
            texts.add(item.asText());
        }
        if (texts.size() > Scopes.MAX_PER_LEVEL) {
            throw new InvalidLoginException(field, "At most " + Scopes.MAX_PER_LEVEL + ".");
        }
        return texts;
    }
}
