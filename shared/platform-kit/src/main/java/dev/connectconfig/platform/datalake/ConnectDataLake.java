package dev.connectconfig.platform.datalake;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Amazon Connect analytics data lake as a consumer account sees it: the producer's database, the tables it
 * shares, and how this toolkit names the resource links to them.
 */
public final class ConnectDataLake {

    public static final String DEFAULT_PRODUCER_DATABASE = "connect_datalake";
    public static final String DEFAULT_CONSUMER_DATABASE = "connect_analytics_consumer";
    public static final String DEFAULT_LINK_SUFFIX = "_link";

    /**
     * The data lake's tables, as named in AWS's "Data type definitions for the Amazon Connect analytics data lake"
     * (contact, agent, flow, Contact Lens, evaluation, bot, configuration, outbound campaign, forecasting and
     * scheduling data). template.yaml's DataLakeTables default is this same list; a test keeps them equal.
     */
    public static final List<String> DEFAULT_TABLES = List.of(
            "contact_record",
            "contact_statistic_record",
            "agent_queue_statistic_record",
            "agent_statistic_record",
            "contact_evaluation_record",
            "contact_flow_events",
            "contact_lens_conversational_analytics",
            "users",
            "routing_profiles",
            "agent_hierarchy_groups",
            "bot_conversations",
            "bot_intents",
            "bot_slots",
            "outbound_campaign_events",
            "forecast_groups",
            "long_term_forecasts",
            "short_term_forecasts",
            "intraday_forecasts",
            "staff_scheduling_profile",
            "shift_activities",
            "staff_shifts",
            "staff_shift_activities",
            "staff_timeoffs",
            "staff_timeoff_intervals");

    /** Glue database and table names that Athena can query unquoted: lowercase letters, digits and underscores. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,255}");
    public static final String NAME_RULE = "a lowercase name of letters, digits and _ (at most 255)";
    /** A resource link suffix, so a link never looks like a local table of the same name. */
    public static final Pattern SUFFIX = Pattern.compile("[a-z0-9_]{1,64}");
    public static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private ConnectDataLake() {
    }

    /** The resource link for {@code table}: {@code users} with suffix {@code _link} is {@code users_link}. */
    public static String linkName(String table, String suffix) {
        return table + suffix;
    }
}
