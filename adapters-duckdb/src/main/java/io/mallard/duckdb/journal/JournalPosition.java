package io.mallard.duckdb.journal;

/**
 * A place in the journal: a segment number and a byte offset in it. The position "after" a record
 * is where the next one starts; replaying from a position skips everything before it.
 */
public record JournalPosition(long segment, long offset) {
    public static final JournalPosition START = new JournalPosition(0, 0);

    public JournalPosition {
        if (segment < 0 || offset < 0) {
            throw new IllegalArgumentException("journal position must not be negative: " + segment + "/" + offset);
        }
    }
}
