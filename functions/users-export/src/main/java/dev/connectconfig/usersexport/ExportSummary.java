package dev.connectconfig.usersexport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one export wrote; also the manifest's content and the invocation's result. */
record ExportSummary(LocalDate date, ExportRequest.Trigger trigger, String database, String table,
        String workGroup, String queryExecutionId, boolean queryStartedEarlier, OutputFormat format, String bucket,
        String dataKey, long rows, long bytes, int parts, List<ResultColumn> columns, Instant startedAt,
        Instant queryCompletedAt, Instant finishedAt) {

    Map<String, Object> manifest() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("date", date.toString());
        manifest.put("trigger", trigger.name().toLowerCase(java.util.Locale.ROOT));
        manifest.put("source", ordered("database", database, "table", table, "workGroup", workGroup));
        manifest.put("queryExecutionId", queryExecutionId);
        manifest.put("format", format.extension());
        manifest.put("dataFile", "s3://" + bucket + "/" + dataKey);
        manifest.put("rows", rows);
        manifest.put("bytes", bytes);
        manifest.put("columns", columns.stream().map(c -> ordered("name", c.name(), "type", c.type())).toList());
        manifest.put("startedAt", startedAt.toString());
        manifest.put("queryCompletedAt", queryCompletedAt == null ? null : queryCompletedAt.toString());
        manifest.put("finishedAt", finishedAt.toString());
        return manifest;
    }

    private static Map<String, Object> ordered(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The invocation's result: small, and without the column list. */
    Map<String, Object> result() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", date.toString());
        result.put("dataFile", "s3://" + bucket + "/" + dataKey);
        result.put("rows", rows);
        result.put("bytes", bytes);
        result.put("queryExecutionId", queryExecutionId);
        return result;
    }
}
