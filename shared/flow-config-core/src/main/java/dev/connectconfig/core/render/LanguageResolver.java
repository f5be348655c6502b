package dev.connectconfig.core.render;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses which of a prompt's languages a caller hears: the requested tag, else one with the same base language
 * ({@code es-MX} asked, {@code es-US} present), else the config's default language. Tags compare without regard to
 * case, as BCP 47 says.
 */
public final class LanguageResolver {

    private LanguageResolver() {
    }

    public static Optional<String> choose(Collection<String> available, String requested, String defaultLanguage) {
        Optional<String> exact = find(available, requested);
        if (exact.isPresent()) {
            return exact;
        }
        String base = baseOf(requested);
        if (!base.isEmpty()) {
            // Among several same-base candidates, the config's default language wins, then the first in tag order.
            if (base.equals(baseOf(defaultLanguage))) {
                Optional<String> preferred = find(available, defaultLanguage);
                if (preferred.isPresent()) {
                    return preferred;
                }
            }
            Optional<String> sameBase = available.stream()
                    .filter(tag -> base.equals(baseOf(tag)))
                    .sorted()
                    .findFirst();
            if (sameBase.isPresent()) {
                return sameBase;
            }
        }
        return find(available, defaultLanguage);
    }

    /** The primary language subtag in lower case: {@code es} for {@code es-US}, {@code cmn} for {@code cmn-CN}. */
    public static String baseOf(String tag) {
        if (tag == null) {
            return "";
        }
        String trimmed = tag.trim();
        int dash = trimmed.indexOf('-');
        int underscore = trimmed.indexOf('_');
        int cut = dash < 0 ? underscore : underscore < 0 ? dash : Math.min(dash, underscore);
        return (cut < 0 ? trimmed : trimmed.substring(0, cut)).toLowerCase(Locale.ROOT);
    }

    private static Optional<String> find(Collection<String> available, String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String wanted = tag.trim().replace('_', '-');
        return available.stream().filter(candidate -> candidate.equalsIgnoreCase(wanted)).findFirst();
    }
}
