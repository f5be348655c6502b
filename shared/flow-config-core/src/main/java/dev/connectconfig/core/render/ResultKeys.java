package dev.connectconfig.core.render;

import java.util.Set;

/**
 * Keys GetConfig adds to a flow's result next to the config's own variables and prompts. A flow branches on
 * {@code $.External.error}; validation keeps configs from using these names.
 */
public final class ResultKeys {

    public static final String ERROR = "error";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String MISSING_PROMPTS = "missingPrompts";
    public static final String LANGUAGE = "language";
    public static final String CONFIG_VERSION = "configVersion";
    public static final String STALE = "stale";
    /** The language the prompts were served in; {@link #LANGUAGE} stays the caller's language as asked. */
    public static final String SERVED_LANGUAGE = "servedLanguage";
    /** The prompts served in another language than the caller's, comma separated, empty when none. */
    public static final String FALLBACK_PROMPTS = "fallbackPrompts";
    /** The schedules applied to this result, comma separated, empty when none. */
    public static final String ACTIVE_SCHEDULES = "activeSchedules";

    /**
     * The calendar entries that made schedules active ("Christmas Day"), comma separated, empty when none; only in the
     * result of a config with a schedule on a calendar.
     */
    public static final String CALENDAR_ENTRIES = "calendarEntries";

    public static final Set<String> RESERVED =
            Set.of(ERROR, ERROR_MESSAGE, MISSING_PROMPTS, LANGUAGE, SERVED_LANGUAGE, FALLBACK_PROMPTS, CONFIG_VERSION,
                    STALE, ACTIVE_SCHEDULES, CALENDAR_ENTRIES);

    /** Values of {@link #ERROR}. */
    public static final String MISSING_ID = "MISSING_ID";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String RESULT_TOO_LARGE = "RESULT_TOO_LARGE";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    private ResultKeys() {
    }
}
