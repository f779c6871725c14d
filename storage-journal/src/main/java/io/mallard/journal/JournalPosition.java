package io.mallard.journal;

/**
 * A place in the journal: a segment number and a byte offset in it. The position "after" a record
 * is where the next one starts; replaying from a position skips everything before it.
 */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {
    public static final JournalPosition START = new JournalPosition(0, 0);
    /** Offsets stay below 2^32 (segments close at 32 MiB, a record holds at most 10,000 events). */
    private static final int OFFSET_BITS = 32;

    public JournalPosition {
        if (segment < 0 || offset < 0) {
            throw new IllegalArgumentException("journal position must not be negative: " + segment + "/" + offset);
        }
        if (offset >>> OFFSET_BITS != 0 || segment >>> (Long.SIZE - 1 - OFFSET_BITS) != 0) {
            throw new IllegalArgumentException("journal position out of range: " + segment + "/" + offset);
        }
    }

    /** The position as one number ordered as positions are: {@code segment * 2^32 + offset}. */
    public long sequence() {
        return segment << OFFSET_BITS | offset;
    }

    /** SQL computing {@link #sequence()} from columns {@code segment} and {@code byte_offset}. */
    public static final String SEQUENCE_SQL = "segment * 4294967296 + byte_offset";

    @Override
    public int compareTo(JournalPosition other) {
        return Long.compare(sequence(), other.sequence());
    }
}
