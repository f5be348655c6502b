package dev.connectconfig.flowconfig;

/** One line of a list: what the catalog index holds for a config. */
record ConfigSummary(String id, String description, long version, String updatedAt, String updatedBy) {
}
