package io.mallard.journal;

import io.mallard.application.storage.DataDamage;
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
 * framed record and forces it to disk before returning, so a caller acknowledged after it
 * survives {@code kill -9} and power loss.
 *
 * <pre>
 *   segment := "MMJOURN2" record*
 *   record  := magic:int32 (0x4D4D5245)  length:int32  crc32c(length, body):int32  body
 * </pre>
 *
 * <p>Every process start writes into a new segment, and so does a write after a failed one: a torn
 * record can only be the last of its segment, and {@link #replay} drops it (it was never
 * acknowledged). Damage elsewhere (bit rot, a bad sector) costs only its own bytes: replay finds
 * the next record by its magic number and a valid checksum and goes on, reports the damaged region,
 * and copies the segment to {@code damaged/} for inspection. Segments a version before the framing
 * wrote (no segment header) still replay, ending at their first damaged record. Segments wholly
 * before the position the consumer has made durable elsewhere are deleted with {@link #deleteBefore}.
 *
 * <p>{@link #write} is called by one thread at a time; {@link #deleteBefore} may run concurrently.
 */
public final class EventJournal implements AutoCloseable {
    /** A segment is closed for writing once it reaches this size. */
    static final long SEGMENT_BYTES = 32L * 1024 * 1024;
    static final byte[] SEGMENT_MAGIC = "MMJOURN2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int RECORD_MAGIC = 0x4D4D5245;
    static final int RECORD_HEADER_BYTES = 12;
    private static final int LEGACY_HEADER_BYTES = 8;
    /** Where segments with damaged regions are copied, under the journal directory. */
    public static final String DAMAGED_DIRECTORY = "damaged";
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.journal");
    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final Path directory;
    private final long segmentBytes;
    private final long firstNewSegment;
    private long segment;
    private FileChannel channel;
    private long offset;

    /**
     * A region of a segment that failed its checks between intact records: acknowledged events lost.
     * {@code keptAt} is the copy of the whole segment set aside for inspection.
     */
    public record DamagedRegion(long segment, long fromOffset, long toOffset, Path keptAt) {
        public long bytes() {
            return toOffset - fromOffset;
        }
    }

    /** What a replay read: events handed on, and the damaged regions skipped. */
    public record Replay(long events, List<DamagedRegion> damaged) {
        /** Reports each damaged region as lost acknowledged events, for {@code /health/detailed} and the operator. */
        public void reportTo(DataDamage damage) {
            java.time.Instant now = java.time.Instant.now();
            for (DamagedRegion region : damaged) {
                damage.report(new DataDamage.Finding(DataDamage.Kind.JOURNAL_REGION,
                        "journal segment " + region.segment() + " bytes " + region.fromOffset() + "-" + region.toOffset(),
                        region.keptAt().toString(), region.bytes() + " damaged byte(s) between intact records", now, null, null, -1));
            }
        }
    }

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
            OwnerOnly.directories(directory);
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
     * Reads every record of earlier processes at or after {@code from}, in order. A torn last record
     * of a segment is dropped (never acknowledged); damaged bytes before an intact record are skipped
     * and reported.
     */
    public Replay replay(JournalPosition from, ReplayConsumer consumer) {
        long events = 0;
        List<DamagedRegion> damaged = new java.util.ArrayList<>();
        try {
            for (long number : segments(directory)) {
                if (number < from.segment() || number >= firstNewSegment) {
                    continue;
                }
                long startOffset = number == from.segment() ? from.offset() : 0;
                events += replaySegment(number, startOffset, consumer, damaged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal in " + directory, e);
        }
        return new Replay(events, damaged);
    }

    private long replaySegment(long number, long startOffset, ReplayConsumer consumer, List<DamagedRegion> damaged) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path(number)));
        if (startOffset > file.limit()) {
            LOG.warn("journal segment {} is shorter ({} bytes) than its loaded position {}", number, file.limit(), startOffset);
            return 0;
        }
        boolean framed = hasSegmentMagic(file);
        file.position(Math.toIntExact(framed ? Math.max(startOffset, SEGMENT_MAGIC.length) : startOffset));
        long events = 0;
        while (file.hasRemaining()) {
            int recordStart = file.position();
            EncodedEvents group;
            try {
                group = framed ? readRecord(file) : readLegacyRecord(file);
            } catch (CorruptRecordException e) {
                int next = framed ? nextRecord(file, recordStart + 1) : -1;
                if (next < 0) {
                    LOG.warn("journal segment {}: dropping {} byte(s) from offset {} (a write the process did not finish; never acknowledged): {}",
                            number, file.limit() - recordStart, recordStart, e.getMessage());
                    break;
                }
                DamagedRegion region = new DamagedRegion(number, recordStart, next, keepAside(number));
                LOG.error("journal segment {}: bytes {}-{} are damaged ({}); the acknowledged events they held are lost, "
                        + "the records after them are recovered; the segment is kept at {}", number, recordStart, next, e.getMessage(),
                        region.keptAt());
                damaged.add(region);
                file.position(next);
                continue;
            }
            consumer.accept(group, new JournalPosition(number, file.position()));
            events += group.count();
        }
        return events;
    }

    private static boolean hasSegmentMagic(ByteBuffer file) {
        return file.limit() >= SEGMENT_MAGIC.length
                && java.util.Arrays.equals(file.array(), 0, SEGMENT_MAGIC.length, SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length);
    }

    /** The offset of the first intact record at or after {@code from}, or -1 when there is none. */
    private static int nextRecord(ByteBuffer file, int from) {
        for (int offset = from; offset + RECORD_HEADER_BYTES <= file.limit(); offset++) {
            if (file.getInt(offset) != RECORD_MAGIC) {
                continue;
            }
            try {
                readRecord(file.duplicate().position(offset));
                return offset;
            } catch (CorruptRecordException notARecord) {
                // a magic number inside damaged bytes or a body: keep looking
            }
        }
        return -1;
    }

    /** Copies a damaged segment to {@code damaged/} (once) before anything may delete it. */
    private Path keepAside(long number) throws IOException {
        Path kept = directory.resolve(DAMAGED_DIRECTORY).resolve(path(number).getFileName());
        OwnerOnly.directories(kept.getParent());
        if (!Files.exists(kept)) {
            Files.copy(path(number), kept);
            OwnerOnly.restrict(kept);
        }
        return kept;
    }

    private static EncodedEvents readRecord(ByteBuffer file) {
        if (file.remaining() < RECORD_HEADER_BYTES) {
            throw new CorruptRecordException("incomplete record header");
        }
        if (file.getInt() != RECORD_MAGIC) {
            throw new CorruptRecordException("no record starts here");
        }
        int lengthAt = file.position();
        int length = file.getInt();
        int checksum = file.getInt();
        if (length <= 0 || length > file.remaining()) {
            throw new CorruptRecordException("record length " + length + " exceeds the " + file.remaining() + " bytes left");
        }
        CRC32C crc = new CRC32C();
        crc.update(file.slice(lengthAt, 4));
        crc.update(file.slice(file.position(), length));
        if ((int) crc.getValue() != checksum) {
            throw new CorruptRecordException("checksum mismatch");
        }
        return body(file, length);
    }

    /** A record of a segment written before the framing: {@code length:int32 crc32c(body):int32 body}. */
    private static EncodedEvents readLegacyRecord(ByteBuffer file) {
        if (file.remaining() < LEGACY_HEADER_BYTES) {
            throw new CorruptRecordException("incomplete record header");
        }
        int length = file.getInt();
        int checksum = file.getInt();
        if (length <= 0 || length > file.remaining()) {
            throw new CorruptRecordException("record length " + length + " exceeds the " + file.remaining() + " bytes left");
        }
        CRC32C crc = new CRC32C();
        crc.update(file.slice(file.position(), length));
        if ((int) crc.getValue() != checksum) {
            throw new CorruptRecordException("checksum mismatch");
        }
        return body(file, length);
    }

    private static EncodedEvents body(ByteBuffer file, int length) {
        byte[] copy = new byte[length];
        file.get(copy);
        try {
            return EncodedEvents.checked(copy);
        } catch (RuntimeException undecodable) {
            throw new CorruptRecordException("record body does not decode: " + undecodable.getMessage());
        }
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
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + body.length);
        record.putInt(RECORD_MAGIC).putInt(body.length).putInt(0).put(body);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 4, 4);
        crc.update(body);
        record.putInt(8, (int) crc.getValue()).flip();
        try {
            if (channel == null || offset >= segmentBytes) {
                nextSegment();
            }
            while (record.hasRemaining()) {
                channel.write(record);
            }
            channel.force(false);
            offset += RECORD_HEADER_BYTES + body.length;
            return new JournalPosition(segment, offset);
        } catch (IOException e) {
            closeChannel();
            throw e;
        }
    }

    /** Writes and forces a probe file of 64 KiB next to the segments, then deletes it: whether the disk takes writes now. */
    public void probe() throws IOException {
        Path probe = directory.resolve("write-probe.tmp");
        try (FileChannel file = FileChannel.open(probe, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE), OwnerOnly.fileAttributes(directory))) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(false);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private void nextSegment() throws IOException {
        closeChannel();
        segment++;
        channel = FileChannel.open(path(segment), java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes(directory));
        ByteBuffer header = ByteBuffer.wrap(SEGMENT_MAGIC);
        while (header.hasRemaining()) {
            channel.write(header);
        }
        offset = SEGMENT_MAGIC.length;
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
