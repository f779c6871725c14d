package io.mallard.duckdb;

import io.mallard.domain.event.SiteId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where cold files live: {@code data_dir/events/site_id=S/date=YYYY-MM-DD/part-<n>.parquet}.
 *
 * <p>Paths end up inside SQL text ({@code COPY … TO 'path'}, {@code read_parquet([...])}), where
 * DuckDB cannot bind parameters, so every path is built here from a validated {@link SiteId}, a
 * {@link LocalDate} and a number, and {@link #checkedLiteral} refuses anything else.
 */
final class ColdLayout {
    private static final Pattern SAFE_RELATIVE =
            Pattern.compile("events/site_id=[A-Za-z0-9._:-]{1,256}/date=\\d{4}-\\d{2}-\\d{2}/part-\\d{1,20}\\.parquet");

    private final Path dataDir;

    ColdLayout(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    Path root() {
        return dataDir.resolve("events");
    }

    /** Relative path (as stored in the manifest) of a new file of a partition. */
    String newFile(SiteId site, LocalDate day, long sequence) {
        return "events/site_id=" + site.value() + "/date=" + day + "/part-" + sequence + ".parquet";
    }

    Path absolute(String relative) {
        return dataDir.resolve(relative);
    }

    /** The absolute path as a single-quoted SQL literal, after checking it has the only allowed shape. */
    String checkedLiteral(String relative) {
        if (!SAFE_RELATIVE.matcher(relative).matches() || relative.contains("..")) {
            throw new IllegalArgumentException("refusing unexpected cold file path " + relative);
        }
        String absolute = absolute(relative).toString();
        if (absolute.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("data directory path may not contain a quote: " + dataDir);
        }
        return "'" + absolute + "'";
    }

    /** Every Parquet file under the cold root, as relative paths. */
    List<String> filesOnDisk() throws IOException {
        if (!Files.isDirectory(root())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .map(file -> dataDir.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
