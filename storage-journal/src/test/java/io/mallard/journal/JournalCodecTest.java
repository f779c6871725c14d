package io.mallard.journal;

import io.mallard.domain.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalCodecTest {
    static final Instant AT = Instant.parse("2026-03-02T10:15:30.123456Z");

    @Test
    void anEngagementReportAndAVisitIdSurviveTheRoundTrip() {
        List<Event> events = List.of(JournalTestEvents.engagement(8, "example.com", AT).withVisitId(7),
                JournalTestEvents.pageview(9, "example.com", AT).withVisitId(Long.MAX_VALUE), JournalTestEvents.pageview(10, "example.com", AT));

        assertThat(JournalCodec.decodeBody(ByteBuffer.wrap(JournalCodec.encodeBody(events)))).containsExactlyElementsOf(events);
    }

    @Test
    void encodedEventsKeepTheirCountAndDecodeToEqualEventsAtEveryCall() {
        List<Event> events = List.of(JournalTestEvents.pageview(1, "example.com", AT), JournalTestEvents.engagement(2, "other.org", AT));
        EncodedEvents encoded = EncodedEvents.of(events);

        assertThat(encoded.count()).isEqualTo(2);
        assertThat(encoded.decode()).containsExactlyElementsOf(events);
        assertThat(encoded.decode()).isNotSameAs(encoded.decode()).containsExactlyElementsOf(events);
        assertThat(encoded.body()).isEqualTo(JournalCodec.encodeBody(events));
    }

    /**
     * A journal written by an older version still replays after an upgrade: format 2 (before visit
     * ids) lacks the visit byte of each event, format 1 (before engagement reports) also the two
     * engagement varints.
     */
    @ParameterizedTest(name = "format {0}")
    @CsvSource({"1, 3", "2, 1"})
    void olderFormatsStillDecode(byte format, int bytesFewer) {
        Event pageview = JournalTestEvents.pageview(9, "example.com", AT);
        byte[] current = JournalCodec.encodeBody(List.of(pageview));
        byte[] older = Arrays.copyOf(current, current.length - bytesFewer);
        older[0] = format;

        assertThat(JournalCodec.decodeBody(ByteBuffer.wrap(older))).containsExactly(pageview);
    }

    @Test
    void anUnknownFormatIsACorruptRecord() {
        byte[] body = JournalCodec.encodeBody(List.of(JournalTestEvents.pageview(9, "example.com", AT)));
        body[0] = 4;

        assertThatThrownBy(() -> JournalCodec.decodeBody(ByteBuffer.wrap(body))).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown record format 4");
    }
}
