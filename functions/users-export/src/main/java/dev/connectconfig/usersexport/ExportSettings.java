package dev.connectconfig.usersexport;

import dev.connectconfig.platform.datalake.ConnectDataLake;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What the template configures: where the users table is, which Athena workgroup runs the query, where the export
 * goes and in which format. Every identifier is validated here, at cold start, so only known-good names ever reach
 * the SQL text; nothing from an invocation's event is ever part of a query.
 */
record ExportSettings(String database, String table, String workGroup, String athenaOutputLocation, String bucket,
        String prefix, OutputFormat format, List<String> columns) {

    static final String DATABASE_VARIABLE = "ANALYTICS_DATABASE";
    static final String TABLE_VARIABLE = "USERS_TABLE";
    static final String WORKGROUP_VARIABLE = "ATHENA_WORKGROUP";
    static final String OUTPUT_LOCATION_VARIABLE = "ATHENA_OUTPUT_LOCATION";
    static final String BUCKET_VARIABLE = "EXPORT_BUCKET";
    static final String PREFIX_VARIABLE = "EXPORT_PREFIX";
    static final String FORMAT_VARIABLE = "EXPORT_FORMAT";
    static final String COLUMNS_VARIABLE = "EXPORT_COLUMNS";

    /** The data lake's users table; the export reads it through this account's resource link to it. */
    static final String DATA_LAKE_TABLE = "users";
    static final String DEFAULT_TABLE = ConnectDataLake.linkName(DATA_LAKE_TABLE, ConnectDataLake.DEFAULT_LINK_SUFFIX);
    static final String DEFAULT_PREFIX = "users-export";

    /** Glue and Athena names: lower-case letters, digits and underscores (Glue lower-cases everything it stores). */
    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z0-9_]{1,255}");
    private static final Pattern WORKGROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*");
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");

    ExportSettings {
        requireMatch(DATABASE_VARIABLE, database, SQL_IDENTIFIER, "lower-case letters, digits and _");
        requireMatch(TABLE_VARIABLE, table, SQL_IDENTIFIER, "lower-case letters, digits and _");
        requireMatch(WORKGROUP_VARIABLE, workGroup, WORKGROUP, "letters, digits, '.', '_' and '-'");
        if (athenaOutputLocation != null) {
            requireMatch(OUTPUT_LOCATION_VARIABLE, athenaOutputLocation, S3_URI, "an s3://bucket/path/ URI");
        }
        requireMatch(BUCKET_VARIABLE, bucket, BUCKET, "an S3 bucket name");
        requireMatch(PREFIX_VARIABLE, prefix, PREFIX, "S3 key segments separated by '/', no leading or trailing '/'");
        if (format == null) {
            throw new IllegalArgumentException(FORMAT_VARIABLE + " must be jsonl or csv");
        }
        for (String column : columns) {
            requireMatch(COLUMNS_VARIABLE, column, SQL_IDENTIFIER, "column names of lower-case letters, digits and _");
        }
        if (columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException(COLUMNS_VARIABLE + " names a column twice: " + columns);
        }
        columns = List.copyOf(columns);
    }

    static ExportSettings fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads the variables through {@code environment} (System::getenv in Lambda, a map in tests). */
    static ExportSettings from(UnaryOperator<String> environment) {
        return new ExportSettings(
                required(environment, DATABASE_VARIABLE),
                optional(environment, TABLE_VARIABLE, DEFAULT_TABLE),
                required(environment, WORKGROUP_VARIABLE),
                optional(environment, OUTPUT_LOCATION_VARIABLE, null),
                required(environment, BUCKET_VARIABLE),
                trimSlashes(optional(environment, PREFIX_VARIABLE, DEFAULT_PREFIX)),
                formatOf(optional(environment, FORMAT_VARIABLE, "jsonl")),
                columnsOf(optional(environment, COLUMNS_VARIABLE, "")));
    }

    private static OutputFormat formatOf(String value) {
        try {
            return OutputFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FORMAT_VARIABLE + ": " + e.getMessage());
        }
    }

    private static List<String> columnsOf(String value) {
        List<String> columns = new ArrayList<>();
        for (String column : value.split(",")) {
            if (!column.isBlank()) {
                columns.add(column.trim());
            }
        }
        return columns;
    }

    private static String required(UnaryOperator<String> environment, String name) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Environment variable " + name + " is not set; the template sets it");
        }
        return value.trim();
    }

    private static String optional(UnaryOperator<String> environment, String name, String fallback) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String trimSlashes(String prefix) {
        String trimmed = prefix;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static void requireMatch(String variable, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(variable + " must be " + expected + ", not '" + printable(value) + "'");
        }
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    /**
     * The one query this function runs. Identifiers are double-quoted after validation, so a column called
     * {@code date} or {@code user} is not mistaken for a keyword.
     */
    String query() {
        String selected = columns.isEmpty() ? "*" : String.join(", ", columns.stream().map(c -> '"' + c + '"')
                .toList());
        return "SELECT " + selected + " FROM \"" + database + "\".\"" + table + "\"";
    }
}
