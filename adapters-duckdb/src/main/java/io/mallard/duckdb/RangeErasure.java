package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser;
import io.mallard.application.erasure.ErasureService;
import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.domain.event.SiteId;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes one site's events in {@code [from, until)} (all of them, or only some visitors') from
 * the cold files, inside the caller's transaction. A cold file whose partition day lies wholly in
 * the range is dropped from the manifest when every event goes; one that keeps some events (a day
 * cut by the site's time zone, other visitors) is rewritten without the erased rows. Site ids match case-insensitively, as the registry does.
 * The caller deletes {@link Result#replacedFiles()} from disk after committing.
 */
final class RangeErasure {
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private final ColdFileWriter writer;
    private final EventSurface surface;

    record Result(Erased erased, List<String> replacedFiles) {
    }


    /**
     * What to erase: the events in {@code [from, until)}, and of those only the rows matching
     * {@code rowCondition} when it is not null (SQL built here, never from request text).
     */
    record Selection(Instant from, Instant until, String rowCondition) {
        /** Every event of these visitor ids (HMAC hex digests, checked, since SQL cannot bind inside a COPY). */
        static Selection visitors(java.util.Set<String> visitorIds) {
            if (visitorIds.isEmpty() || !visitorIds.stream().allMatch(id -> EventEraser.VISITOR_ID.matcher(id).matches())) {
                throw new IllegalArgumentException("visitor ids must be 64 hex digits");
            }
            String list = String.join(", ", visitorIds.stream().sorted().map(id -> "'" + id + "'").toList());
            return new Selection(ErasureService.BEGINNING, ErasureService.END, "visitor_id IN (" + list + ")");
        }
    }

    private record ColdFile(String path, SiteId site, LocalDate day, long events) {
    }

    RangeErasure(ColdFileWriter writer, EventSurface surface) {
        this.writer = writer;
        this.surface = surface;
    }

    Result run(Connection connection, SiteId site, Selection selection) throws SQLException, IOException {
        long events = 0;
        List<String> replaced = new ArrayList<>();
        int rewritten = 0;
        Instant from = selection.from();
        Instant until = selection.until();
        // Built from two Instants formatted here and the selection's checked condition: no request text reaches this SQL.
        String inRange = "\"timestamp\" >= TIMESTAMP '" + LITERAL.format(utc(from))
                + "' AND \"timestamp\" < TIMESTAMP '" + LITERAL.format(utc(until)) + "'"
                + (selection.rowCondition() == null ? "" : " AND " + selection.rowCondition());
        for (ColdFile file : overlappingFiles(connection, site, from, until)) {
            long erased = selection.rowCondition() == null && wholly(file.day(), from, until) ? file.events()
                    : countInRange(connection, file, inRange);
            if (erased == 0) {
                continue;
            }
            if (erased < file.events()) {
                writer.write(connection, file.site(), file.day(), surface.coldRows(List.of(file.path()), "NOT (" + inRange + ")"),
                        file.events() - erased, ColdFileWriter.Layout.OPTIMIZED);
                rewritten++;
            }
            try (PreparedStatement delete = connection.prepareStatement(Sql.named("delete-cold-file"))) {
                delete.setString(1, file.path());
                delete.executeUpdate();
            }
            replaced.add(file.path());
            events += erased;
        }
        return new Result(new Erased(events, replaced.size() - rewritten, rewritten), replaced);
    }

    private static List<ColdFile> overlappingFiles(Connection connection, SiteId site, Instant from, Instant until) throws SQLException {
        List<ColdFile> files = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(Sql.named("site-cold-files"))) {
            select.setString(1, site.value());
            select.setDate(2, Date.valueOf(LocalDate.ofInstant(from, ZoneOffset.UTC)));
            select.setDate(3, Date.valueOf(LocalDate.ofInstant(until.minusNanos(1), ZoneOffset.UTC)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.add(new ColdFile(rows.getString(1), new SiteId(rows.getString(2)), rows.getObject(3, LocalDate.class),
                            rows.getLong(4)));
                }
            }
        }
        return files;
    }

    /** Whether the whole UTC day of a partition lies in the range. */
    private static boolean wholly(LocalDate day, Instant from, Instant until) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return !start.isBefore(from) && !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(until);
    }

    private long countInRange(Connection connection, ColdFile file, String inRange) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM (" + surface.coldRows(List.of(file.path()), inRange) + ")")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
