package io.mallard.duckdb.stats;
import io.mallard.journal.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The files of day trails, {@code data_dir/trails/<random>.trail}, each referenced by one row of
 * {@code rollup_trails} with its length and CRC-32C. Names are never reused, so a file is never
 * rewritten under a reader: a rebuilt day gets a new file and the old one is deleted once no row
 * names it. Files are read by Java directly: DuckDB fetched a stored blob by scanning every blob
 * of the table (250 ms a day at 10 M events), and its driver copies a result chunk's blobs into the
 * heap at once.
 */
final class TrailFiles {
    private static final String SUFFIX = ".trail";

    private final Path directory;

    TrailFiles(Path dataDir) {
        this.directory = dataDir.resolve("trails");
    }

    /** Where a trail was stored, and how to know it intact. */
    record Stored(String name, long bytes, long crc) {
    }

    /** Writes and syncs a new file (before the row naming it commits, so a row never names a torn file). */
    Stored write(byte[] trail) {
        String name = UUID.randomUUID() + SUFFIX;
        try {
            OwnerOnly.directories(directory);
            try (FileChannel channel = FileChannel.open(directory.resolve(name), java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), OwnerOnly.fileAttributes(directory))) {
                ByteBuffer buffer = ByteBuffer.wrap(trail);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a day trail failed", e);
        }
        return new Stored(name, trail.length, crc(trail));
    }

    /** A stored file opened for reading; closing it never fails (nothing was written). */
    record Opened(Stored stored, FileChannel channel) implements AutoCloseable {
        /**
         * The whole file into {@code buffer} (or a larger new one, returned), checked against its
         * row; an IOException when it is short or corrupt. Reusing one buffer for all of a
         * question's days matters: each day would otherwise be a humongous allocation for G1, and
         * at -Xmx256m those drove full collections (PERF.md).
         */
        byte[] read(byte[] buffer) throws IOException {
            if (channel.size() != stored.bytes() || stored.bytes() > Integer.MAX_VALUE - 8) {
                throw new IOException("trail " + stored.name() + " has " + channel.size() + " bytes, expected " + stored.bytes());
            }
            int length = (int) stored.bytes();
            byte[] target = buffer.length >= length ? buffer : new byte[Math.max(length, buffer.length + buffer.length / 2)];
            ByteBuffer view = ByteBuffer.wrap(target, 0, length);
            while (view.hasRemaining()) {
                if (channel.read(view, view.position()) < 0) {
                    throw new IOException("trail " + stored.name() + " ended early");
                }
            }
            CRC32C crc = new CRC32C();
            crc.update(target, 0, length);
            if (crc.getValue() != stored.crc()) {
                throw new IOException("trail " + stored.name() + " fails its checksum");
            }
            return target;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // opened read-only: nothing to lose
            }
        }
    }

    /**
     * Opens a stored file. An open file stays readable after it is deleted, so a reader that opened
     * its files while its rows were current reads them whole even if a rebuild or an erasure
     * deletes them meanwhile.
     */
    Opened open(Stored stored) throws IOException {
        return new Opened(stored, FileChannel.open(directory.resolve(checkedName(stored.name())), StandardOpenOption.READ));
    }

    void delete(Collection<String> names) {
        for (String name : names) {
            try {
                Files.deleteIfExists(directory.resolve(checkedName(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("deleting trail " + name + " failed", e);
            }
        }
    }

    /** Deletes every trail file no row names: leftovers of a build or a deletion cut short by a crash. */
    void sweep(Set<String> referenced) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (!referenced.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (NoSuchFileException gone) {
            // nothing to sweep
        } catch (IOException e) {
            throw new UncheckedIOException("sweeping trail files failed", e);
        }
    }

    /** A name from the table is a bare file name; anything else is refused rather than resolved. */
    private static String checkedName(String name) {
        if (!name.endsWith(SUFFIX) || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalStateException("not a trail file name: " + name);
        }
        return name;
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
