package dev.connectconfig.adminapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The console's files under {@code app/} in the jar: the page ({@code index.html}, never cached), the bundle's
 * content-hashed files (named in {@code bundle.json} by the esbuild build, cached for a year) and the few plain files
 * (the OpenAPI description), revalidated on every use. API Gateway compresses what it sends (the API's
 * MinimumCompressionSize), so the files are kept as text.
 */
final class AppFiles {

    static final String ROOT = "app/";
    static final String PAGE = "index.html";
    static final String BUNDLE = "bundle.json";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8",
            "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "txt", "text/plain; charset=utf-8");
    /** The names bundle.json lists as hashed: {@code "hashed": ["main-ABCD1234.js", ...]}. */
    private static final Pattern HASHED_LIST = Pattern.compile("\"hashed\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern NAME = Pattern.compile("\"([^\"\\\\]+)\"");

    /** One answer of the app function. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private record StaticFile(String contentType, String cache, String body) {
    }

    private final Map<String, StaticFile> files = new TreeMap<>();
    private final String page;
    private final ContentSecurityPolicy policy;
    private final AppSettings settings;

    AppFiles(Map<String, String> contents, AppSettings settings) {
        String html = contents.get(PAGE);
        if (html == null) {
            throw new IllegalStateException("app/index.html is missing: build the console (functions/admin-app/web)");
        }
        Set<String> hashed = hashedNames(contents.getOrDefault(BUNDLE, ""));
        contents.forEach((name, body) -> {
            if (name.equals(PAGE) || name.equals(BUNDLE)) {
                return;
            }
            String type = TYPES.get(extension(name));
            if (type == null) {
                throw new IllegalStateException("app/" + name + ": no content type for this kind of file");
            }
            files.put(name, new StaticFile(type, hashed.contains(name) ? IMMUTABLE : NO_CACHE, body));
        });
        for (String name : hashed) {
            if (!files.containsKey(name)) {
                throw new IllegalStateException("app/bundle.json names " + name + ", which is not in app/");
            }
        }
        this.page = html;
        this.policy = new ContentSecurityPolicy(settings);
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

    /** The sign-in settings the console starts with, never cached. */
    Answer config(String clientId) {
        return new Answer(200, headers(TYPES.get("json"), NO_CACHE), JsonText.object(settings.forBrowser(clientId)));
    }

    /** A file of the bundle (cached for a year: its name changes with its content) or a plain one (revalidated). */
    Answer file(String name) {
        StaticFile file = files.get(name);
        if (file != null) {
            return new Answer(200, headers(file.contentType(), file.cache()), file.body());
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

    static Set<String> hashedNames(String bundle) {
        Set<String> names = new TreeSet<>();
        Matcher list = HASHED_LIST.matcher(bundle);
        if (list.find()) {
            Matcher name = NAME.matcher(list.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
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
