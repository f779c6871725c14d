package io.mallard.application.storage;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Keeps a node's in-memory mirrors of the metadata (accounts, sessions, keys, sites, shared links)
 * in step with a store other nodes write too: {@link #tick()} (on a schedule) reads the store's
 * generation and, when it moved, runs every re-read. A change made on one node is thus seen by the
 * others within one tick; credentials are also looked up on a miss, see
 * {@link io.mallard.application.account.CredentialLookThrough}.
 */
public final class MetadataSync {
    private final LongSupplier generation;
    private final List<Runnable> rereads;
    private long seen;

    public MetadataSync(LongSupplier generation, List<Runnable> rereads) {
        this.generation = generation;
        this.rereads = List.copyOf(rereads);
        this.seen = generation.getAsLong();
    }

    /**
     * Re-reads the mirrors if the store changed since the last tick; true when it did. The generation
     * read before re-reading is the one recorded, and only once every re-read succeeded: a change
     * made during the re-read, or a re-read that failed, is caught by the next tick.
     */
    public boolean tick() {
        long now = generation.getAsLong();
        if (now == seen) {
            return false;
        }
        rereads.forEach(Runnable::run);
        seen = now;
        return true;
    }
}
