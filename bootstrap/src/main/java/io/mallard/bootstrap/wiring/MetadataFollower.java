package io.mallard.bootstrap.wiring;

import io.mallard.application.account.AccountService;
import io.mallard.application.account.ApiKeyService;
import io.mallard.application.share.ShareService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.MetadataSync;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * On a node sharing its metadata store with others ({@code MALLARD_METADATA_URL}), follows their
 * changes: every second, re-reads the accounts, sessions, keys, sites and shared links it mirrors
 * when the store's generation moved. A logout, a revoked key or a deleted site on one node thus
 * takes effect on the others within about a second. Does nothing on a store of its own.
 */
@Singleton
public class MetadataFollower {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataFollower.class);

    private final MetadataSync sync;

    public MetadataFollower(StorageRuntime storage, AccountService accounts, ApiKeyService keys, SiteRegistry sites, ShareService shares) {
        MetadataStore store = storage.metadata();
        this.sync = store.shared()
                ? new MetadataSync(store::generation, List.of(accounts::reread, keys::reread, sites::reread, shares::reread))
                : null;
    }

    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void follow() {
        if (sync == null) {
            return;
        }
        try {
            sync.tick();
        } catch (RuntimeException e) {
            LOG.warn("cannot follow metadata changes of other nodes, will retry: {}", e.getMessage());
        }
    }
}
