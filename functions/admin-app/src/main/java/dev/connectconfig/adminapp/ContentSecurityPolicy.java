package dev.connectconfig.adminapp;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's Content-Security-Policy: scripts and styles only from the app's own origin (no inline code or style,
 * no eval), fonts from the origin or the style sheet's own data: URLs (Cloudscape's global styles embed theirs), API
 * calls to the same origin and the Cognito domain, and framing only by the Amazon Connect instance's origin when one
 * is configured.
 */
final class ContentSecurityPolicy {

    private final String header;

    ContentSecurityPolicy(AppSettings settings) {
        String cognito = settings.cognitoDomain().isEmpty() ? "" : " " + settings.cognitoDomain();
        List<String> directives = new ArrayList<>(List.of(
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "font-src 'self' data:",
                "img-src 'self' data:",
                "media-src 'self' blob:",
                "connect-src 'self'" + cognito,
                "form-action 'self'" + cognito,
                "base-uri 'none'",
                "frame-ancestors " + (settings.frameAncestors().isEmpty() ? "'none'"
                        : String.join(" ", settings.frameAncestors()))));
        this.header = String.join("; ", directives);
    }

    String header() {
        return header;
    }
}
