package io.mallard.application.segment;

import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.List;

/** Port: durable storage of segments. Every method commits before it returns. */
public interface SegmentStore {
    List<Segment> segments(SiteId site);

    Segment insert(SiteId site, String name, String filters, Instant createdAt);

    boolean delete(SiteId site, long id);

    void deleteAll(SiteId site);
}
