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

    @Override
    void close();
}
