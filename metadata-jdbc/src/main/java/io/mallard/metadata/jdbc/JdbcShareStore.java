package io.mallard.metadata.jdbc;

import io.mallard.application.share.ShareStore;
import io.mallard.application.share.SharedLink;
import io.mallard.domain.event.SiteId;

import java.util.List;

/** {@link ShareStore} over JDBC, in the metadata database's {@code shares} table. */
public final class JdbcShareStore implements ShareStore {
    private final Jdbc jdbc;

    public JdbcShareStore(Connections connections) {
        this.jdbc = new Jdbc(connections, "shared link storage");
    }

    @Override
    public List<SharedLink> shares() {
        return jdbc.query("SELECT share_id, site_id, name, password_hash, created_at FROM shares ORDER BY created_at", row ->
                new SharedLink(row.getString(1), new SiteId(row.getString(2)), row.getString(3), row.getString(4), Jdbc.instant(row, 5)));
    }

    @Override
    public void save(SharedLink link) {
        jdbc.update("INSERT INTO shares VALUES (?, ?, ?, ?, ?)", link.id(), link.site().value(), link.name(), link.passwordHash(),
                Jdbc.local(link.createdAt()));
    }

    @Override
    public boolean delete(String id) {
        return jdbc.update("DELETE FROM shares WHERE share_id = ?", id) > 0;
    }

    @Override
    public void deleteAll(SiteId site) {
        jdbc.update("DELETE FROM shares WHERE site_id = ?", site.value());
    }
}
