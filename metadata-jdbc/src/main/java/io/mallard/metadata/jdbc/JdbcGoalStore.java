package io.mallard.metadata.jdbc;

import io.mallard.application.goal.GoalStore;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Goal;

import java.util.List;

/** {@link GoalStore} over JDBC, in the metadata database's {@code goals} table. */
public final class JdbcGoalStore implements GoalStore {
    private final Jdbc jdbc;

    public JdbcGoalStore(Connections connections) {
        this.jdbc = new Jdbc(connections, "goal storage");
    }

    @Override
    public List<Goal> goals(SiteId site) {
        return jdbc.query("SELECT goal_id, kind, value FROM goals WHERE site_id = ? ORDER BY goal_id", row -> new Goal(
                row.getLong(1), site, Goal.Kind.valueOf(row.getString(2)), row.getString(3)), site.value());
    }

    @Override
    public Goal insert(SiteId site, Goal.Kind kind, String value) {
        long id = jdbc.query("INSERT INTO goals (site_id, kind, value) VALUES (?, ?, ?) RETURNING goal_id", row -> row.getLong(1),
                site.value(), kind.name(), value).getFirst();
        return new Goal(id, site, kind, value);
    }

    @Override
    public boolean delete(SiteId site, long id) {
        return jdbc.update("DELETE FROM goals WHERE site_id = ? AND goal_id = ?", site.value(), id) > 0;
    }

    @Override
    public void deleteAll(SiteId site) {
        jdbc.update("DELETE FROM goals WHERE site_id = ?", site.value());
    }

}
