package io.mallard.duckdb.journal;

import io.mallard.domain.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Append-only write-ahead journal of accepted events: numbered segment files
 * {@code 00000000000000000001.journal}, … in one directory. {@link #write} appends one group as one
 * checksummed record and forces it to disk before returning, so a caller acknowledged after it
 * survives {@code kill -9} and power loss.
 *
 * <p>Every process start writes into a new segment, and so does a write after a failed one: a torn
 * record can only be the last of its segment, and {@link #replay} drops it (it was never
 * acknowledged) and goes on with the next segment. Segments wholly before the position the
 * consumer has made durable elsewhere are deleted with {@link #deleteBefore}.
 *
 * <p>{@link #write} is called by one thread at a time; {@link #deleteBefore} may run concurrently.
 */
public final class EventJournal implements AutoCloseable {
    /** A segment is closed for writing once it reaches this size. */
    static final long SEGMENT_BYTES = 32L * 1024 * 1024;
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.journal");
    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final Path directory;
    private final long segmentBytes;
    private final long firstNewSegment;
    private long segment;
    private FileChannel channel;
    private long offset;

    /** Receives replayed records in journal order; {@code end} is the position after the record. */
    @FunctionalInterface
    public interface ReplayConsumer {
        void accept(EncodedEvents events, JournalPosition end);
    }

    private EventJournal(Path directory, long segmentBytes, long firstNewSegment) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.firstNewSegment = firstNewSegment;
        this.segment = firstNewSegment - 1;
    }

    /** Opens the journal directory (creating it); new writes go to a segment after every existing one. */
    public static EventJournal open(Path directory) {
        return open(directory, JournalPosition.START);
    }

    /**
     * Opens the journal directory (creating it); new writes go to a segment after every existing one
     * and after {@code used}'s: positions recorded elsewhere stay behind every new one even when the
     * segments they name are deleted.
     */
    public static EventJournal open(Path directory, JournalPosition used) {
        return open(directory, used, SEGMENT_BYTES);
    }

    static EventJournal open(Path directory, JournalPosition used, long segmentBytes) {
        try {
            Files.createDirectories(directory);
            long last = segments(directory).stream().mapToLong(Long::longValue).max().orElse(0);
            return new EventJournal(directory, segmentBytes, Math.max(last, used.segment()) + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + directory, e);
        }
    }

    /** Where this process's first write goes: every record of earlier processes lies before it. */
    public JournalPosition start() {
        return new JournalPosition(firstNewSegment, 0);
    }

    /**
     * Reads every record of earlier processes at or after {@code from}, in order. Returns the number
     * of events replayed. A torn or damaged record ends its segment's replay.
     */
    public long replay(JournalPosition from, ReplayConsumer consumer) {
        long events = 0;
        try {
            for (long number : segments(directory)) {
                if (number < from.segment() || number >= firstNewSegment) {
                    continue;
                }
                long startOffset = number == from.segment() ? from.offset() : 0;
                events += replaySegment(number, startOffset, consumer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal in " + directory, e);
        }
        return events;
    }

    private long replaySegment(long number, long startOffset, ReplayConsumer consumer) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path(number)));
        if (startOffset > file.limit()) {
            LOG.warn("journal segment {} is shorter ({} bytes) than its loaded position {}", number, file.limit(), startOffset);
            return 0;
        }
        file.position(Math.toIntExact(startOffset));
        long events = 0;
        while (file.hasRemaining()) {
            int recordStart = file.position();
            EncodedEvents group;
            try {
                group = readRecord(file);
            } catch (CorruptRecordException e) {
                LOG.warn("journal segment {}: dropping {} byte(s) from offset {} (a write the process did not finish; never acknowledged): {}",
                        number, file.limit() - recordStart, recordStart, e.getMessage());
                break;
            }
            consumer.accept(group, new JournalPosition(number, file.position()));
            events += group.count();
        }
        return events;
    }

    private static EncodedEvents readRecord(ByteBuffer file) {
        if (file.remaining() < JournalCodec.HEADER_BYTES) {
            throw new CorruptRecordException("incomplete record header");
        }
        int length = file.getInt();
        int checksum = file.getInt();
        if (length <= 0 || length > file.remaining()) {
            throw new CorruptRecordException("record length " + length + " exceeds the " + file.remaining() + " bytes left");
        }
        ByteBuffer body = file.slice(file.position(), length);
        file.position(file.position() + length);
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        if ((int) crc.getValue() != checksum) {
            throw new CorruptRecordException("checksum mismatch");
        }
        byte[] copy = new byte[length];
        body.get(copy);
        return EncodedEvents.checked(copy);
    }

    /**
     * Appends the events as one record and forces it to disk. Returns the position after the record.
     * On failure the record may be partly written, so the next write starts a new segment.
     */
    public JournalPosition write(List<Event> events) throws IOException {
        return write(EncodedEvents.of(events));
    }

    /** {@link #write(List)} for events already encoded. */
    public JournalPosition write(EncodedEvents events) throws IOException {
        byte[] body = events.body();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer record = ByteBuffer.allocate(JournalCodec.HEADER_BYTES + body.length);
        record.putInt(body.length).putInt((int) crc.getValue()).put(body).flip();
        try {
            if (channel == null || offset >= segmentBytes) {
                nextSegment();
            }
            while (record.hasRemaining()) {
                channel.write(record);
            }
            channel.force(false);
            offset += JournalCodec.HEADER_BYTES + body.length;
            return new JournalPosition(segment, offset);
        } catch (IOException e) {
            closeChannel();
            throw e;
        }
    }

    private void nextSegment() throws IOException {
        closeChannel();
        segment++;
        channel = FileChannel.open(path(segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        offset = 0;
        forceDirectory();
    }

    /** Makes the new file's directory entry durable (on Linux a directory can be fsynced). */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("directory fsync not supported here: {}", e.getMessage());
        }
    }

    /**
     * Ends the current segment: the next write starts a new one. Returns the position of that next
     * segment's start, before which lies every record written so far (for {@link #deleteBefore}).
     */
    public JournalPosition seal() {
        closeChannel();
        return new JournalPosition(segment + 1, 0);
    }

    /** Deletes every segment numbered below {@code segment} (their records are durable elsewhere). */
    public void deleteBefore(long segment) {
        try {
            for (long number : segments(directory)) {
                if (number < segment) {
                    Files.deleteIfExists(path(number));
                }
            }
        } catch (IOException e) {
            LOG.warn("could not delete loaded journal segments: {}", e.getMessage());
        }
    }

    private Path path(long number) {
        return directory.resolve("%020d.journal".formatted(number));
    }

    private static List<Long> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> SEGMENT_NAME.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> Long.parseLong(match.group(1)))
                    .sorted()
                    .toList();
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing journal segment {} failed: {}", segment, e.getMessage());
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeChannel();
    }
}
