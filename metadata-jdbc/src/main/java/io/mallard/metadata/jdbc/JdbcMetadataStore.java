package io.mallard.metadata.jdbc;

import io.mallard.application.account.CredentialStore;
import io.mallard.application.goal.GoalStore;
import io.mallard.application.segment.SegmentStore;
import io.mallard.application.share.ShareStore;
import io.mallard.application.site.SiteStore;
import io.mallard.application.storage.MetadataStore;

/**
 * A {@link MetadataStore} whose records are this module's JDBC stores over one source of
 * connections; a subclass says how its database is closed (and, if several processes share it,
 * how its generation is read).
 */
public abstract class JdbcMetadataStore implements MetadataStore {
    private final CredentialStore credentials;
    private final SiteStore sites;
    private final GoalStore goals;
    private final ShareStore shares;
    private final SegmentStore segments;

    protected JdbcMetadataStore(Connections connections) {
        this.credentials = new JdbcCredentialStore(connections);
        this.sites = new JdbcSiteStore(connections);
        this.goals = new JdbcGoalStore(connections);
        this.shares = new JdbcShareStore(connections);
        this.segments = new JdbcSegmentStore(connections);
    }

    @Override
    public final CredentialStore credentials() {
        return credentials;
    }

    @Override
    public final SiteStore sites() {
        return sites;
    }

    @Override
    public final GoalStore goals() {
        return goals;
    }

    @Override
    public final ShareStore shares() {
        return shares;
    }

    @Override
    public final SegmentStore segments() {
        return segments;
    }
}
