package io.mallard.journal;

import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventJournalTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path directory;

    static List<Event> group(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> JournalTestEvents.pageview(id, "example.com", AT)).toList();
    }

    record Replayed(List<Event> events, List<JournalPosition> ends, List<EventJournal.DamagedRegion> damaged) {
    }

    Replayed replay(JournalPosition from) {
        List<Event> events = new ArrayList<>();
        List<JournalPosition> ends = new ArrayList<>();
        try (EventJournal journal = EventJournal.open(directory)) {
            EventJournal.Replay replay = journal.replay(from, (group, end) -> {
                events.addAll(group.decode());
                ends.add(end);
            });
            assertThat(replay.events()).isEqualTo(events.size());
            return new Replayed(events, ends, replay.damaged());
        }
    }

    List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void everyFieldSurvivesTheRoundTripIncludingNullsUnicodeAndMicroseconds() throws IOException {
        Event unicode = new Event(Long.MAX_VALUE, new SiteId("xn--r8jz45g.jp"), "v", AT, new EventName("späť"), "/naïve/😀",
                "例え.jp", null, null, null, null, "ünï", null, null, null, null, null, null, null, null, null, null,
                "Zürich", new Props("{\"emoji\":\"😀\",\"long\":\"" + "x".repeat(4000) + "\"}"),
                new BigDecimal("123456789.01"), "CHF", null, null);
        List<Event> written = List.of(JournalTestEvents.pageview(1, "example.com", AT), JournalTestEvents.pageview(3, "example.com", AT),
                JournalTestEvents.bare(2, "example.org", AT), unicode, JournalTestEvents.engagement(4, "example.com", AT));
        try (EventJournal journal = EventJournal.open(directory)) {
            journal.write(written);
        }

        assertThat(replay(JournalPosition.START).events()).containsExactlyElementsOf(written);
    }

    @Test
    void replayResumesAfterTheGivenPosition() throws IOException {
        JournalPosition afterFirst;
        try (EventJournal journal = EventJournal.open(directory)) {
            afterFirst = journal.write(group(1, 3));
            journal.write(group(4, 5));
        }

        Replayed replayed = replay(afterFirst);

        assertThat(replayed.events()).containsExactlyElementsOf(group(4, 5));
        assertThat(replay(replayed.ends().getLast()).events()).isEmpty();
    }

    @Test
    void aTornLastRecordIsDroppedAndLaterSegmentsStillReplay() throws IOException {
        try (EventJournal journal = EventJournal.open(directory)) {
            journal.write(group(1, 2));
            journal.write(group(3, 4));
        }
        Path first = segmentFiles().getFirst();
        long full = Files.size(first);
        byte[] bytes = Files.readAllBytes(first);
        Files.write(first, Arrays.copyOf(bytes, (int) full - 7));
        try (EventJournal journal = EventJournal.open(directory)) {
            journal.write(group(5, 6));
        }

        List<Event> expected = new ArrayList<>(group(1, 2));
        expected.addAll(group(5, 6));
        assertThat(replay(JournalPosition.START).events()).containsExactlyElementsOf(expected);
    }

    /** Writes events 1-2 and 3-4 as two records of one segment, flips bits of one byte of it, and returns its bytes after. */
    byte[] twoRecordsWithAFlippedByte(java.util.function.IntUnaryOperator offsetInFile, int mask) throws IOException {
        try (EventJournal journal = EventJournal.open(directory)) {
            journal.write(group(1, 2));
            journal.write(group(3, 4));
        }
        Path segment = segmentFiles().getFirst();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[offsetInFile.applyAsInt(bytes.length)] ^= (byte) mask;
        Files.write(segment, bytes);
        return bytes;
    }

    @Test
    void aDamagedLastRecordIsDroppedLikeATornOne() throws IOException {
        twoRecordsWithAFlippedByte(length -> length - 3, 0x40);

        assertThat(replay(JournalPosition.START).events()).containsExactlyElementsOf(group(1, 2));
    }

    @Test
    void flippedBytesMidSegmentCostOnlyTheirRecordAndTheSegmentIsKeptAside() throws IOException {
        List<JournalPosition> ends = new ArrayList<>();
        try (EventJournal journal = EventJournal.open(directory)) {
            for (long id = 1; id <= 200; id++) {
                ends.add(journal.write(group(id, id)));
            }
        }
        Path segment = segmentFiles().getFirst();
        byte[] bytes = Files.readAllBytes(segment);
        int middle = (int) ends.get(99).offset() + 20;
        for (int i = 0; i < 4; i++) {
            bytes[middle + i] ^= (byte) 0xA5;
        }
        Files.write(segment, bytes);

        Replayed replayed = replay(JournalPosition.START);

        List<Event> expected = new ArrayList<>(group(1, 100));
        expected.addAll(group(102, 200));
        assertThat(replayed.events()).as("every intact record after the damage is recovered").containsExactlyElementsOf(expected);
        assertThat(replayed.damaged()).singleElement().satisfies(region -> {
            assertThat(region.fromOffset()).isEqualTo(ends.get(99).offset());
            assertThat(region.toOffset()).isEqualTo(ends.get(100).offset());
            assertThat(region.keptAt()).hasBinaryContent(bytes);
        });
        try (EventJournal journal = EventJournal.open(directory)) {
            journal.deleteBefore(Long.MAX_VALUE);
        }
        assertThat(segmentFiles()).isEmpty();
        assertThat(directory.resolve(EventJournal.DAMAGED_DIRECTORY).resolve(segment.getFileName())).as("kept aside, not deleted")
                .exists();
    }

    @Test
    void damageInARecordHeaderLosesNoLaterRecord() throws IOException {
        twoRecordsWithAFlippedByte(length -> EventJournal.SEGMENT_MAGIC.length + 5, 0x01); // the first record's length

        Replayed replayed = replay(JournalPosition.START);

        assertThat(replayed.events()).containsExactlyElementsOf(group(3, 4));
        assertThat(replayed.damaged()).hasSize(1);
    }

    @Test
    void aSegmentWrittenBeforeTheFramingStillReplays() throws IOException {
        byte[] body = JournalCodec.encodeBody(group(1, 3));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(8 + body.length).putInt(body.length).putInt((int) crc.getValue()).put(body);
        Files.write(directory.resolve("%020d.journal".formatted(1)), record.array());

        assertThat(replay(JournalPosition.START).events()).containsExactlyElementsOf(group(1, 3));
    }

    @Test
    void garbageAfterTheLastRecordIsIgnored() throws IOException {
        try (EventJournal journal = EventJournal.open(directory)) {
            journal.write(group(1, 2));
        }
        Files.write(segmentFiles().getFirst(), new byte[] {0, 0, 0, 5, 1, 2}, StandardOpenOption.APPEND);

        assertThat(replay(JournalPosition.START).events()).containsExactlyElementsOf(group(1, 2));
    }

    @Test
    void everyProcessWritesAfterAllEarlierSegments() throws IOException {
        JournalPosition firstEnd;
        try (EventJournal journal = EventJournal.open(directory)) {
            firstEnd = journal.write(group(1, 1));
        }
        try (EventJournal journal = EventJournal.open(directory)) {
            assertThat(journal.start().segment()).isGreaterThan(firstEnd.segment());
            assertThat(journal.write(group(2, 2)).segment()).isEqualTo(journal.start().segment());
        }
    }

    @Test
    void fullSegmentsRotateAndLoadedOnesCanBeDeleted() throws IOException {
        List<JournalPosition> ends = new ArrayList<>();
        try (EventJournal journal = EventJournal.open(directory, JournalPosition.START, 1)) {
            for (long id = 1; id <= 4; id++) {
                ends.add(journal.write(group(id, id)));
            }
            assertThat(segmentFiles()).hasSize(4);

            journal.deleteBefore(ends.get(2).segment());
        }

        assertThat(segmentFiles()).hasSize(2);
        assertThat(replay(JournalPosition.START).events()).containsExactlyElementsOf(group(3, 4));
    }
}
