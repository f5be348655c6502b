package dev.connectconfig.local;

import com.sun.net.httpserver.Headers;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What keeps a web page the developer visits away from the runner. A page can make the browser send a cross-site
 * POST that needs no preflight ({@code text/plain}, a form) to the Invoke API, which runs any function with any event,
 * and with DNS rebinding (its own name resolving to 127.0.0.1) even read the answers. So: the {@code Host} must be the
 * runner's loopback address and port (a rebound name is not), and on the two endpoints that take no token (the
 * Invoke API and {@code /local-login}) a browser's {@code Origin} must be the runner's own, and the body no type a
 * cross-site form or fetch can send without a preflight.
 *
 * <p>The Invoke API still takes what the real AWS clients send: awscli and boto3 send no {@code Content-Type}; the
 * SDK for Java's LambdaClient sends {@code application/json} with a payload and, without one, its url-connection
 * client's default {@code application/x-www-form-urlencoded} with an empty body. An empty body carries no event, and
 * a browser's request without a type (a Blob body) still carries its {@code Origin}, which is checked.
 */
final class CrossSiteGuard {

    /** Why a request was refused: its status, a stable code and a sentence for the developer. */
    record Refusal(int status, String code, String message) {
    }

    /** The content types a cross-site form or fetch sends without a CORS preflight. */
    private static final Set<String> SIMPLE_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data");

    private CrossSiteGuard() {
    }

    /**
     * @param tokenless true for the endpoints that take no token (the Invoke API, {@code /local-login})
     * @param strictJson true where only {@code application/json} is taken ({@code /local-login})
     */
    static Optional<Refusal> check(Headers headers, int port, boolean tokenless, boolean strictJson,
            boolean hasBody) {
        String host = headers.getFirst("Host");
        if (host == null || !isLoopback(host.toLowerCase(Locale.ROOT), port)) {
            return Optional.of(new Refusal(403, "FOREIGN_HOST", "The local runner answers only requests to"
                    + " 127.0.0.1:" + port + ", localhost:" + port + " or [::1]:" + port + ", not to Host '"
                    + printable(host) + "'."));
        }
        if (!tokenless) {
            return Optional.empty();
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !isOwnOrigin(origin.toLowerCase(Locale.ROOT), port)) {
            return Optional.of(new Refusal(403, "FOREIGN_ORIGIN", "The local runner refuses requests from web pages"
                    + " of other sites (Origin '" + printable(origin) + "'); only its own pages, at http://127.0.0.1:"
                    + port + ", may call it."));
        }
        String type = mediaType(headers.getFirst("Content-Type"));
        if (strictJson ? !"application/json".equals(type) : hasBody && type != null && SIMPLE_TYPES.contains(type)) {
            return Optional.of(new Refusal(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type:"
                    + " application/json" + (type == null ? "." : ", not " + type + ".")));
        }
        return Optional.empty();
    }

    private static boolean isLoopback(String host, int port) {
        return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port) || host.equals("[::1]:" + port)
                || (port == 80 && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")));
    }

    private static boolean isOwnOrigin(String origin, int port) {
        return origin.startsWith("http://") && isLoopback(origin.substring("http://".length()), port);
    }

    /** The media type without parameters, lower case; null when there is none. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
    }
}
