package io.mallard.duckdb;

import io.mallard.application.storage.DataDamage;
import io.mallard.domain.event.SiteId;
import io.mallard.journal.OwnerOnly;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Damage to a cold file costs only that file's events. A file that no longer reads (truncated,
 * bit rot, overwritten) is moved to {@code data_dir/quarantine/} under its own relative path, its
 * manifest row is dropped (so its day's rollup is rebuilt from what is left), and the loss is
 * reported to {@link DataDamage}. Files are checked three ways:
 * <ul>
 *   <li>at startup, the Parquet header and footer of every listed file (two small reads each);</li>
 *   <li>in the background, one full read of a file at a time ({@link #verifyNext});</li>
 *   <li>when a query fails naming a cold file, that file is read in full, and set aside if the read
 *   fails too ({@link #recoverFrom}); the query then runs again without it.</li>
 * </ul>
 * A file is never set aside on a query's error alone, so a transient failure (memory, too many
 * open files) cannot hide healthy data. Files set aside by earlier runs are reported again at
 * startup until an operator removes them. Thread-safe.
 */
final class ColdQuarantine {
    static final String DIRECTORY = "quarantine";
    private static final Logger LOG = LoggerFactory.getLogger(ColdQuarantine.class);
    private static final Pattern NAMED_FILE =
            Pattern.compile("events/site_id=([A-Za-z0-9._:-]{1,256})/date=(\\d{4}-\\d{2}-\\d{2})/part-\\d{1,20}\\.parquet");
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Failures that say nothing about the file: never a reason to set it aside. */
    private static final Pattern TRANSIENT = Pattern.compile("(?i)out of memory|interrupt|too many open files|resource temporarily");

    private final DuckDbDatabase database;
    private final ColdLayout layout;
    private final Readers readers;
    private final DataDamage damage;
    /** Serialises setting aside with the tiers' moves, which read and replace cold files. */
    private final Object moves;
    private final Set<String> verified = new HashSet<>();

    ColdQuarantine(DuckDbDatabase database, ColdLayout layout, DataDamage damage, Object moves) {
        this.database = database;
        this.layout = layout;
        this.readers = database.readers();
        this.damage = damage;
        this.moves = moves;
    }

    /** Reports files set aside by earlier runs, then checks the header and footer of every listed file. Returns files set aside now. */
    int checkAtStartup() {
        reportEarlierQuarantine();
        int setAside = 0;
        for (String path : listed()) {
            Optional<String> problem = footerProblem(layout.absolute(path));
            if (problem.isPresent() && setAside(path, problem.get())) {
                setAside++;
            }
        }
        return setAside;
    }

    /** Reads one listed file not yet verified by this process in full; false when every file has been. */
    boolean verifyNext() {
        Optional<String> next;
        synchronized (verified) {
            next = listed().stream().filter(path -> !verified.contains(path)).findFirst();
            next.ifPresent(verified::add);
        }
        next.flatMap(this::readProblem).ifPresent(problem -> setAside(next.get(), problem));
        return next.isPresent();
    }

    /**
     * After a failed read: when the error names a listed cold file that does not read in full, sets
     * it aside. Returns whether the failed work may succeed if run again (a file was set aside, or
     * the named file is no longer listed).
     */
    boolean recoverFrom(SQLException failure) {
        Optional<String> named = namedFile(failure.getMessage());
        if (named.isEmpty()) {
            return false;
        }
        if (!listed().contains(named.get())) {
            return true;
        }
        Optional<String> problem = readProblem(named.get());
        return problem.isPresent() && setAside(named.get(), problem.get());
    }

    static Optional<String> namedFile(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher match = NAMED_FILE.matcher(message);
        return match.find() ? Optional.of(match.group()) : Optional.empty();
    }

    /** What is wrong with a file's Parquet framing (header, footer, footer length), if anything. */
    static Optional<String> footerProblem(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < 12) {
                return Optional.of("too small to be a Parquet file (" + size + " bytes)");
            }
            ByteBuffer head = ByteBuffer.allocate(4);
            channel.read(head, 0);
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(tail, size - 8);
            if (!ByteBuffer.wrap(PARQUET_MAGIC).equals(head.flip())) {
                return Optional.of("no Parquet header");
            }
            if (!ByteBuffer.wrap(PARQUET_MAGIC).equals(tail.slice(4, 4))) {
                return Optional.of("no Parquet footer (truncated?)");
            }
            int footerLength = tail.getInt(0);
            return footerLength <= 0 || footerLength > size - 12
                    ? Optional.of("footer length " + footerLength + " does not fit the file") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    /** Reads every column of every row of the file, and compares its row count with the manifest's. */
    private Optional<String> readProblem(String path) {
        Optional<String> footer = footerProblem(layout.absolute(path));
        if (footer.isPresent()) {
            return footer;
        }
        String file = layout.checkedLiteral(path);
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement()) {
            long rows;
            try (ResultSet result = statement.executeQuery(Sql.named("read-cold-file").formatted(file))) {
                result.next();
                rows = result.getLong(1);
            }
            long expected = manifestRow(connection, path).map(Row::events).orElse(rows);
            return rows == expected ? Optional.empty() : Optional.of("holds " + rows + " rows, the manifest lists " + expected);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            if (TRANSIENT.matcher(message).find()) {
                LOG.warn("could not read cold file {} in full this time ({}); it is checked again later", path, message);
                synchronized (verified) {
                    verified.remove(path);
                }
                return Optional.empty();
            }
            return Optional.of(message);
        }
    }

    private record Row(SiteId site, LocalDate day, long events) {
    }

    /** Moves the file to the quarantine directory, then drops its manifest row; false if it was no longer listed. */
    private boolean setAside(String path, String problem) {
        synchronized (moves) {
            try (DuckDBConnection connection = database.connect()) {
                Optional<Row> row = manifestRow(connection, path);
                if (row.isEmpty()) {
                    return false;
                }
                Path kept = quarantined(path);
                OwnerOnly.directories(kept.getParent());
                readers.exclusively(() -> Files.move(layout.absolute(path), kept, StandardCopyOption.REPLACE_EXISTING));
                try (PreparedStatement delete = connection.prepareStatement(Sql.named("delete-cold-file"))) {
                    delete.setString(1, path);
                    delete.executeUpdate();
                }
                LOG.error("cold file {} is damaged ({}): its {} event(s) of {} on {} are missing from answers; the file is kept at {}",
                        path, problem, row.get().events(), row.get().site().value(), row.get().day(), kept);
                damage.report(new DataDamage.Finding(DataDamage.Kind.COLD_FILE, path, kept.toString(), problem, Instant.now(),
                        row.get().site(), row.get().day(), row.get().events()));
                return true;
            } catch (SQLException | IOException e) {
                LOG.error("could not set damaged cold file {} aside: {}", path, e.getMessage());
                return false;
            }
        }
    }

    private Path quarantined(String path) {
        return layout.absolute(DIRECTORY).resolve(path);
    }

    private void reportEarlierQuarantine() {
        Path root = quarantined("events");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher match = NAMED_FILE.matcher(file.toString().replace('\\', '/'));
                if (match.find()) {
                    LOG.error("cold file {} was set aside as damaged by an earlier run; its events are missing from answers", match.group());
                    damage.report(new DataDamage.Finding(DataDamage.Kind.COLD_FILE, match.group(), file.toString(),
                            "set aside by an earlier run", Instant.now(), new SiteId(match.group(1)), LocalDate.parse(match.group(2)), -1));
                }
            }
        } catch (IOException e) {
            LOG.warn("could not list the quarantine directory: {}", e.getMessage());
        }
    }

    private List<String> listed() {
        List<String> paths = new ArrayList<>();
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(Sql.named("select-cold-files"))) {
            while (rows.next()) {
                paths.add(rows.getString(1));
            }
        } catch (SQLException e) {
            LOG.warn("could not list cold files to check: {}", e.getMessage());
        }
        return paths;
    }

    private static Optional<Row> manifestRow(DuckDBConnection connection, String path) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(Sql.named("cold-file-row"))) {
            select.setString(1, path);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Row(new SiteId(row.getString(1)), row.getObject(2, LocalDate.class), row.getLong(3)))
                        : Optional.empty();
            }
        }
    }
}
