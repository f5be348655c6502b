package dev.connectconfig.flowconfig;

import java.util.OptionalLong;

/** A flow config's version as a strong HTTP entity tag, {@code "7"}, and back. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} value names ({@code "7"}, {@code W/"7"} or {@code 7}), or empty. */
    public static OptionalLong version(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (tag.isEmpty() || tag.length() > 18 || !tag.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(tag));
    }
}
