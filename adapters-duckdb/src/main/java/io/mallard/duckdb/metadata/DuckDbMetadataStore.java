package io.mallard.duckdb.metadata;

import io.mallard.application.account.CredentialStore;
import io.mallard.application.goal.GoalStore;
import io.mallard.application.segment.SegmentStore;
import io.mallard.application.share.ShareStore;
import io.mallard.application.site.SiteStore;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.metadata.jdbc.JdbcCredentialStore;
import io.mallard.metadata.jdbc.JdbcGoalStore;
import io.mallard.metadata.jdbc.JdbcSegmentStore;
import io.mallard.metadata.jdbc.JdbcShareStore;
import io.mallard.metadata.jdbc.JdbcSiteStore;

import java.sql.SQLException;

/** Accounts, sessions, keys, sites, goals, shared links and segments in tables of the DuckDB file. */
public final class DuckDbMetadataStore implements MetadataStore {
    private final DuckDbDatabase database;
    private final boolean ownsDatabase;
    private final CredentialStore credentials;
    private final SiteStore sites;
    private final GoalStore goals;
    private final ShareStore shares;
    private final SegmentStore segments;

    /** {@code ownsDatabase}: close the database with this store (false when the events engine shares it). */
    public DuckDbMetadataStore(DuckDbDatabase database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.credentials = new JdbcCredentialStore(database::connect);
        this.sites = new JdbcSiteStore(database::connect);
        this.goals = new JdbcGoalStore(database::connect);
        this.shares = new JdbcShareStore(database::connect);
        this.segments = new JdbcSegmentStore(database::connect);
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public SiteStore sites() {
        return sites;
    }

    @Override
    public GoalStore goals() {
        return goals;
    }

    @Override
    public ShareStore shares() {
        return shares;
    }

    @Override
    public SegmentStore segments() {
        return segments;
    }

    @Override
    public void close() {
        if (!ownsDatabase) {
            return;
        }
        try {
            database.checkpoint();
            database.close();
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot close the metadata database: " + e.getMessage(), e);
        }
    }
}
