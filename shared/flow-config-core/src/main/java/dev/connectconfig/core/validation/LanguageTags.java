package dev.connectconfig.core.validation;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Well-formed BCP 47 language tags, as Amazon Connect and Amazon Polly use them ({@code en-US}, {@code cmn-CN}, {@code arb}). */
public final class LanguageTags {

    private static final Pattern PRIMARY_LANGUAGE = Pattern.compile("[A-Za-z]{2,3}");
    /** Codes Amazon Connect and Polly use that are not well-formed BCP 47 (Welsh English). */
    private static final java.util.Set<String> AMAZON_CODES = java.util.Set.of("en-gb-wls");

    private LanguageTags() {
    }

    public static boolean isValid(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > 35) {
            return false;
        }
        if (AMAZON_CODES.contains(tag.toLowerCase(Locale.ROOT))) {
            return true;
        }
        int dash = tag.indexOf('-');
        String primary = dash < 0 ? tag : tag.substring(0, dash);
        if (!PRIMARY_LANGUAGE.matcher(primary).matches()) {
            return false;
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
