package dev.connectconfig.flowconfig;

/**
 * One line of a list: what the catalog index holds for a config, with its {@link ListStatus} summary when the list
 * read it (null otherwise, and for a config written before summaries existed).
 */
record ConfigSummary(String id, String description, long version, String updatedAt, String updatedBy,
        String listStatus) {

    ConfigSummary(String id, String description, long version, String updatedAt, String updatedBy) {
        this(id, description, version, updatedAt, updatedBy, null);
    }
}
