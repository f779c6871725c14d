package io.mallard.application.share;

import io.mallard.domain.event.SiteId;

import java.util.List;

/** Port: durable storage of shared links. Every method commits before it returns. */
public interface ShareStore {
    List<SharedLink> shares();

    void save(SharedLink link);

    boolean delete(String id);

    void deleteAll(SiteId site);
}
