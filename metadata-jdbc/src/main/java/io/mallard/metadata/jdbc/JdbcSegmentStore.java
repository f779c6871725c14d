package io.mallard.metadata.jdbc;

import io.mallard.application.segment.Segment;
import io.mallard.application.segment.SegmentStore;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.List;

/** {@link SegmentStore} over JDBC, in the metadata database's {@code segments} table. */
public final class JdbcSegmentStore implements SegmentStore {
    private final Jdbc jdbc;

    public JdbcSegmentStore(Connections connections) {
        this.jdbc = new Jdbc(connections, "segment storage");
    }

    @Override
    public List<Segment> segments(SiteId site) {
        return jdbc.query("SELECT segment_id, name, filters, created_at FROM segments WHERE site_id = ? ORDER BY segment_id", row ->
                new Segment(row.getLong(1), site, row.getString(2), row.getString(3), Jdbc.instant(row, 4)), site.value());
    }

    @Override
    public Segment insert(SiteId site, String name, String filters, Instant createdAt) {
        long id = jdbc.query("INSERT INTO segments (site_id, name, filters, created_at) VALUES (?, ?, ?, ?) RETURNING segment_id",
                row -> row.getLong(1), site.value(), name, filters, Jdbc.local(createdAt)).getFirst();
        return new Segment(id, site, name, filters, createdAt);
    }

    @Override
    public boolean delete(SiteId site, long id) {
        return jdbc.update("DELETE FROM segments WHERE site_id = ? AND segment_id = ?", site.value(), id) > 0;
    }

    @Override
    public void deleteAll(SiteId site) {
        jdbc.update("DELETE FROM segments WHERE site_id = ?", site.value());
    }
}
