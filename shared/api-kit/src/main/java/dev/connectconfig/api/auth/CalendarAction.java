package dev.connectconfig.api.auth;

/**
 * What a caller does to a shared calendar, as the Cedar actions of the policy store name them (resource type
 * {@code ConnectConfig::Calendar}, scoped by the calendar's id as configs are). The policies give {@link #READ} to
 * every caller and {@link #CHANGE} and {@link #DELETE} to Full on the calendar's id; Edit changes no calendar, since
 * a calendar change reaches every config that uses it.
 */
public enum CalendarAction {
    /** Get, list, history, computed dates, and naming it in a schedule. */
    READ("ReadCalendar", "read"),
    /** Create, replace, restore. */
    CHANGE("ChangeCalendar", "change"),
    DELETE("DeleteCalendar", "delete");

    private final String cedarId;
    private final String verb;

    CalendarAction(String cedarId, String verb) {
        this.cedarId = cedarId;
        this.verb = verb;
    }

    public String cedarId() {
        return cedarId;
    }

    /** "change", as in "You may not change calendar 'x'." */
    public String verb() {
        return verb;
    }
}
