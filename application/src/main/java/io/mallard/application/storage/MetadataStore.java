package io.mallard.application.storage;

import io.mallard.application.account.CredentialStore;
import io.mallard.application.goal.GoalStore;
import io.mallard.application.segment.SegmentStore;
import io.mallard.application.share.ShareStore;
import io.mallard.application.site.SiteStore;

/**
 * Where the instance's own records live — accounts, sessions, keys, sites, goals, shared links, segments — apart from the
 * events, so that any events engine can be paired with the embedded store.
 */
public interface MetadataStore extends AutoCloseable {
    CredentialStore credentials();

    SiteStore sites();

    GoalStore goals();

    ShareStore shares();

    SegmentStore segments();

    /**
     * Whether other processes write these records too (several nodes on one PostgreSQL). The services
     * then re-read their mirrors when {@link #generation()} moves ({@link MetadataSync}) and look up
     * credentials they have not seen.
     */
    default boolean shared() {
        return false;
    }

    /**
     * A number that changes whenever any process changes what the services mirror in memory (not on
     * an API key's last use); cheap enough to read every second. Constant for a store that is not shared.
     */
    default long generation() {
        return 0;
    }

    @Override
    void close();
}
