package dev.connectconfig.adminapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The app's static files (under {@code app/} in the jar), each also served under a content-hashed name with a year's
 * cache. The page itself is never cached: it carries an import map from each module's plain name to its hashed one,
 * so a module's relative imports ({@code ./api.js}) load the version that page was built with.
 */
final class AppFiles {

    static final String ROOT = "app/";
    static final String PAGE = "index.html";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8",
            "html", "text/html; charset=utf-8", "svg", "image/svg+xml");

    /** One answer of the app function. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private record StaticFile(String name, String hashedName, String contentType, String body) {
    }

    private final Map<String, StaticFile> byName = new TreeMap<>();
    private final Map<String, StaticFile> byHashedName = new TreeMap<>();
    private final String page;
    private final ContentSecurityPolicy policy;
    private final AppSettings settings;

    AppFiles(Map<String, String> files, AppSettings settings) {
        files.forEach((name, body) -> {
            if (name.equals(PAGE)) {
                return;
            }
            String type = TYPES.get(extension(name));
            if (type == null) {
                throw new IllegalStateException("app/" + name + ": no content type for this kind of file");
            }
            StaticFile file = new StaticFile(name, hashed(name, body), type, body);
            byName.put(name, file);
            byHashedName.put(file.hashedName(), file);
        });
        String importMap = importMap();
        String template = files.get(PAGE);
        if (template == null || !template.contains("<!--import-map-->")) {
            throw new IllegalStateException("app/index.html must hold <!--import-map-->");
        }
        String html = template.replace("<!--import-map-->", "<script type=\"importmap\">" + importMap + "</script>");
        for (StaticFile file : byName.values()) {
            html = html.replace("\"app/" + file.name() + "\"", "\"app/" + file.hashedName() + "\"");
        }
        this.page = html;
        this.policy = new ContentSecurityPolicy(settings, sha256(importMap));
        this.settings = settings;
    }

    /** The files under {@code app/} of the class path (a folder in tests, the jar when deployed). */
    static AppFiles load(AppSettings settings) {
        return new AppFiles(readAll(), settings);
    }

    Answer page() {
        return new Answer(200, headers(TYPES.get("html"), NO_CACHE), page);
    }

    /**
     * {@code /app/} sent to {@code /app}: the page's relative file names resolve against its own address, so from
     * {@code /app/} they would name {@code /app/app/...}. A relative {@code Location} keeps any stage or base path.
     */
    Answer pageWithoutTrailingSlash() {
        Map<String, String> headers = headers(TYPES.get("html"), NO_CACHE);
        headers.put("Location", "../app");
        return new Answer(302, headers, "");
    }

    /** The sign-in settings the app starts with, never cached. */
    Answer config(String clientId) {
        return new Answer(200, headers(TYPES.get("json"), NO_CACHE), JsonText.object(settings.forBrowser(clientId)));
    }

    /** A file by its plain name (revalidated on every use) or by its hashed name (cached for a year). */
    Answer file(String name) {
        StaticFile hashed = byHashedName.get(name);
        if (hashed != null && !hashed.hashedName().equals(hashed.name())) {
            return new Answer(200, headers(hashed.contentType(), IMMUTABLE), hashed.body());
        }
        StaticFile plain = byName.get(name);
        if (plain != null) {
            return new Answer(200, headers(plain.contentType(), NO_CACHE), plain.body());
        }
        return new Answer(404, headers(TYPES.get("json"), NO_CACHE), JsonText.object(Map.of("code", "NOT_FOUND",
                "message", "The app has no file by that name; open the app's page instead.")));
    }

    String contentSecurityPolicy() {
        return policy.header();
    }

    private Map<String, String> headers(String contentType, String cache) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", cache);
        headers.put("Content-Security-Policy", policy.header());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        return headers;
    }

    /** Plain name of every module seen from the page ({@code ./app/api.js}) to its hashed name. */
    private String importMap() {
        Map<String, String> imports = new TreeMap<>();
        byName.values().stream().filter(file -> file.name().endsWith(".js"))
                .forEach(file -> imports.put("./app/" + file.name(), "./app/" + file.hashedName()));
        return "{\"imports\":" + JsonText.object(imports) + "}";
    }

    private static String hashed(String name, String body) {
        int dot = name.lastIndexOf('.');
        String digest = HexFormat.of().formatHex(digest(body)).substring(0, 12);
        return name.substring(0, dot) + "." + digest + name.substring(dot);
    }

    private static String sha256(String text) {
        return Base64.getEncoder().encodeToString(digest(text));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Map<String, String> readAll() {
        Map<String, String> files = new TreeMap<>();
        try {
            Path source = Path.of(AppFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                Path root = source.resolve(ROOT);
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path path : paths.filter(Files::isRegularFile).toList()) {
                        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (var entry : jar.stream().filter(e -> e.getName().startsWith(ROOT) && !e.isDirectory())
                            .toList()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.put(entry.getName().substring(ROOT.length()),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
