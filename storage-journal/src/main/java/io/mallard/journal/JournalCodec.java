package io.mallard.journal;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary form of a group of events in the journal. A group is written and acknowledged as one
 * record ({@link EventJournal} frames it), so it is replayed whole or not at all:
 *
 * <pre>
 *   body    := format:int8 (=3)  count:int32  event*
 *   event   := eventId:int64  timestampMicros:int64  text*24 (site, visitor, name, pathname, then
 *              the optional columns in table order, revenue amount as its decimal string)
 *              varint(engagedMillis + 1)  varint(scrollDepth + 1)   (varint 0 = no report)
 *              hasVisit:int8  [visitId:int64]
 *   text    := varint(byteLength + 1) utf8-bytes   (varint 0 = null)
 * </pre>
 *
 * Older formats are still read, so a journal left by an older version replays after an upgrade:
 * format 2 (before visit ids) ends each event after the engagement varints, format 1 (before
 * engagement reports) before them.
 */
final class JournalCodec {
    private static final byte FORMAT = 3;
    private static final byte FIRST_WITH_ENGAGEMENT = 2;

    private JournalCodec() {
    }

    /** The body of one record (without its length and checksum header). */
    static byte[] encodeBody(List<Event> events) {
        Output out = new Output(events.size() * 256);
        out.writeByte(FORMAT);
        out.writeInt(events.size());
        for (Event event : events) {
            out.writeLong(event.eventId());
            out.writeLong(EpochMicros.of(event.timestamp()));
            out.writeText(event.siteId().value());
            out.writeText(event.visitorId());
            out.writeText(event.eventName().value());
            out.writeText(event.pathname());
            out.writeText(event.hostname());
            out.writeText(event.referrer());
            out.writeText(event.referrerSource());
            out.writeText(event.utmSource());
            out.writeText(event.utmMedium());
            out.writeText(event.utmCampaign());
            out.writeText(event.utmContent());
            out.writeText(event.utmTerm());
            out.writeText(event.browser());
            out.writeText(event.browserVersion());
            out.writeText(event.os());
            out.writeText(event.osVersion());
            out.writeText(event.deviceType());
            out.writeText(event.screenSize());
            out.writeText(event.countryCode());
            out.writeText(event.region());
            out.writeText(event.city());
            out.writeText(event.props() == null ? null : event.props().json());
            out.writeText(event.revenueAmount() == null ? null : event.revenueAmount().toPlainString());
            out.writeText(event.revenueCurrency());
            Engagement engagement = event.engagement();
            out.writeVarint(engagement == null ? 0 : engagement.engagedMillis() + 1);
            out.writeVarint(engagement == null ? 0 : engagement.scrollDepth() + 1);
            out.writeByte(event.visitId() == null ? 0 : 1);
            if (event.visitId() != null) {
                out.writeLong(event.visitId());
            }
        }
        return out.toByteArray();
    }

    /** Decodes a body whose checksum was verified; throws {@link CorruptRecordException} if it does not parse. */
    static List<Event> decodeBody(ByteBuffer body) {
        try {
            byte format = body.get();
            if (format < 1 || format > FORMAT) {
                throw new CorruptRecordException("unknown record format " + format);
            }
            int count = body.getInt();
            List<Event> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(decodeEvent(body, format));
            }
            if (body.hasRemaining()) {
                throw new CorruptRecordException(body.remaining() + " trailing bytes after " + count + " events");
            }
            return events;
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("record does not decode: " + e);
        }
    }

    private static Event decodeEvent(ByteBuffer in, byte format) {
        long eventId = in.getLong();
        Instant timestamp = EpochMicros.toInstant(in.getLong());
        SiteId site = new SiteId(readText(in));
        String visitor = readText(in);
        EventName name = new EventName(readText(in));
        String pathname = readText(in);
        String hostname = readText(in);
        String referrer = readText(in);
        String referrerSource = readText(in);
        String utmSource = readText(in);
        String utmMedium = readText(in);
        String utmCampaign = readText(in);
        String utmContent = readText(in);
        String utmTerm = readText(in);
        String browser = readText(in);
        String browserVersion = readText(in);
        String os = readText(in);
        String osVersion = readText(in);
        String deviceType = readText(in);
        String screenSize = readText(in);
        String country = readText(in);
        String region = readText(in);
        String city = readText(in);
        String props = readText(in);
        String amount = readText(in);
        String currency = readText(in);
        Engagement engagement = format >= FIRST_WITH_ENGAGEMENT ? readEngagement(in) : null;
        Long visitId = format == FORMAT && in.get() == 1 ? in.getLong() : null;
        return new Event(eventId, site, visitor, timestamp, name, pathname, hostname, referrer, referrerSource,
                utmSource, utmMedium, utmCampaign, utmContent, utmTerm, browser, browserVersion, os, osVersion,
                deviceType, screenSize, country, region, city, props == null ? null : new Props(props),
                amount == null ? null : new BigDecimal(amount), currency, engagement, visitId);
    }

    private static Engagement readEngagement(ByteBuffer in) {
        int millisPlusOne = readVarint(in);
        int depthPlusOne = readVarint(in);
        return millisPlusOne == 0 ? null : new Engagement(millisPlusOne - 1, depthPlusOne - 1);
    }

    private static String readText(ByteBuffer in) {
        int lengthPlusOne = readVarint(in);
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = lengthPlusOne - 1;
        if (length > in.remaining()) {
            throw new CorruptRecordException("text of " + length + " bytes overruns the record");
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new CorruptRecordException("varint longer than 5 bytes");
    }

    /** A growable big-endian byte buffer (a ByteArrayOutputStream without locks or checked exceptions). */
    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(int capacity) {
            bytes = new byte[Math.max(64, capacity)];
        }

        void writeByte(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void writeInt(int value) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void writeLong(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void writeText(String text) {
            if (text == null) {
                writeVarint(0);
                return;
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeVarint(utf8.length + 1);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void writeVarint(int value) {
            ensure(5);
            while ((value & ~0x7F) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
