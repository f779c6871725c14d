package io.mallard.duckdb;

/**
 * The parts every move between the tiers works with: the database (manifest, journal position),
 * where cold files live, how they are written, who is reading them, the query surface and the
 * quarantine for damaged files.
 */
record ColdTier(DuckDbDatabase database, ColdLayout layout, ColdFileWriter writer, Readers readers, EventSurface surface,
                ColdQuarantine quarantine) {
}
