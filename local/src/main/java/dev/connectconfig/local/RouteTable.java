package dev.connectconfig.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request path against the template's routes as API Gateway does: {@code {name}} takes one segment,
 * {@code {name+}} the rest, and a literal segment wins over a parameter ({@code /flow-configs/export} over
 * {@code /flow-configs/{id}}). Path parameters reach the function URL-decoded.
 */
final class RouteTable {

    /** A route that matched, with its path parameters. */
    record Match(SamTemplate.ApiRoute route, Map<String, String> pathParameters) {
    }

    private final List<SamTemplate.ApiRoute> routes;

    RouteTable(List<SamTemplate.ApiRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    List<SamTemplate.ApiRoute> routes() {
        return routes;
    }

    /** The most specific route for the method and raw (still percent-encoded) path. */
    Optional<Match> match(String method, String rawPath) {
        return best(rawPath, route -> route.method().equals(method) || route.method().equals("ANY"));
    }

    /** Whether any route has this path, whatever its method (a CORS preflight is answered for those). */
    boolean hasPath(String rawPath) {
        return best(rawPath, route -> true).isPresent();
    }

    private Optional<Match> best(String rawPath, java.util.function.Predicate<SamTemplate.ApiRoute> method) {
        List<String> segments = segments(rawPath);
        List<Map.Entry<List<Integer>, Match>> candidates = new ArrayList<>();
        for (SamTemplate.ApiRoute route : routes) {
            if (!method.test(route)) {
                continue;
            }
            List<String> pattern = segments(route.path());
            Map<String, String> parameters = new LinkedHashMap<>();
            List<Integer> kinds = new ArrayList<>();
            if (matches(pattern, segments, parameters, kinds)) {
                candidates.add(Map.entry(kinds, new Match(route, parameters)));
            }
        }
        return candidates.stream().min(Comparator.comparing(Map.Entry::getKey, RouteTable::compareKinds))
                .map(Map.Entry::getValue);
    }

    private static boolean matches(List<String> pattern, List<String> segments, Map<String, String> parameters,
            List<Integer> kinds) {
        for (int i = 0; i < pattern.size(); i++) {
            String part = pattern.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= segments.size()) {
                    return false;
                }
                parameters.put(part.substring(1, part.length() - 2),
                        decode(String.join("/", segments.subList(i, segments.size()))));
                kinds.add(2);
                return true;
            }
            if (i >= segments.size()) {
                return false;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                parameters.put(part.substring(1, part.length() - 1), decode(segments.get(i)));
                kinds.add(1);
            } else if (part.equals(segments.get(i))) {
                kinds.add(0);
            } else {
                return false;
            }
        }
        return pattern.size() == segments.size();
    }

    /** Literal (0) before parameter (1) before greedy (2), segment by segment. */
    private static int compareKinds(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = Integer.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(b.size(), a.size());
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String decode(String segment) {
        // '+' is a literal plus in a path (a dialled number such as +18005550100), not a space.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
