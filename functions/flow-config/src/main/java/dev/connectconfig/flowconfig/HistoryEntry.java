package dev.connectconfig.flowconfig;

/**
 * One earlier version: who wrote it and when, and who replaced it, when and why ({@code updated}, {@code deleted},
 * {@code restored}, {@code imported}).
 */
record HistoryEntry(long version, String updatedAt, String updatedBy, String archivedAt, String archivedBy,
        String archivedBecause) {
}
