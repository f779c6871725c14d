package io.mallard.journal;

import io.mallard.domain.event.Event;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A group of events in the journal's binary form ({@link JournalCodec}): one byte array however
 * many events it holds. The hot tier keeps events this way between the journal write and the
 * flush: a second of events as objects is several megabytes of small objects that every young
 * collection copies one by one (the largest share of its pauses under load, PERF.md); as arrays it
 * is a quarter of the size or less and a bulk copy.
 */
public final class EncodedEvents {
    private final byte[] body;
    private final int count;

    private EncodedEvents(byte[] body, int count) {
        this.body = body;
        this.count = count;
    }

    public static EncodedEvents of(List<Event> events) {
        return new EncodedEvents(JournalCodec.encodeBody(events), events.size());
    }

    /** A record body read back from the journal, decoded once to check it; throws {@link CorruptRecordException} if it does not decode. */
    static EncodedEvents checked(byte[] body) {
        return new EncodedEvents(body, JournalCodec.decodeBody(ByteBuffer.wrap(body)).size());
    }

    public int count() {
        return count;
    }

    /** The events, decoded afresh at each call. */
    public List<Event> decode() {
        return JournalCodec.decodeBody(ByteBuffer.wrap(body));
    }

    byte[] body() {
        return body;
    }
}
