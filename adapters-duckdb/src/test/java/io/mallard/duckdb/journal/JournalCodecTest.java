package io.mallard.duckdb.journal;

import io.mallard.domain.event.Event;
import io.mallard.duckdb.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalCodecTest {
    static final Instant AT = Instant.parse("2026-03-02T10:15:30.123456Z");

    @Test
    void anEngagementReportSurvivesTheRoundTrip() {
        List<Event> events = List.of(TestEvents.engagement(8, "example.com", AT), TestEvents.pageview(9, "example.com", AT));

        assertThat(JournalCodec.decodeBody(ByteBuffer.wrap(JournalCodec.encodeBody(events)))).containsExactlyElementsOf(events);
    }

    /** A journal written before engagement reports were stored (format 1) still replays after an upgrade. */
    @Test
    void aFormatOneRecordWithoutEngagementStillDecodes() {
        Event pageview = TestEvents.pageview(9, "example.com", AT);
        byte[] current = JournalCodec.encodeBody(List.of(pageview));
        // Format 1 is format 2 without the two trailing "no report" varints of each event.
        byte[] formatOne = Arrays.copyOf(current, current.length - 2);
        formatOne[0] = 1;

        assertThat(JournalCodec.decodeBody(ByteBuffer.wrap(formatOne))).containsExactly(pageview);
    }

    @Test
    void anUnknownFormatIsACorruptRecord() {
        byte[] body = JournalCodec.encodeBody(List.of(TestEvents.pageview(9, "example.com", AT)));
        body[0] = 3;

        assertThatThrownBy(() -> JournalCodec.decodeBody(ByteBuffer.wrap(body))).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown record format 3");
    }
}
