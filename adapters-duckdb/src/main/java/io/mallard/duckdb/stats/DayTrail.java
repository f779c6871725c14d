package io.mallard.duckdb.stats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One UTC day's events of a site, per visitor, as the behavioral questions read them: the blob of
 * {@code rollup_trails}. Decoding a day takes a few milliseconds where streaming its rows out of
 * DuckDB takes tens (PERF.md), which is what brings a 90-day funnel under a second.
 *
 * <p>Format (unsigned LEB128 varints, big-endian longs):
 * <pre>
 *   version                       varint, {@value #VERSION}
 *   names:  count, then each      varint length + UTF-8 bytes
 *   paths:  count, then each      varint length + UTF-8 bytes
 *   visitors: count, then each    long key,
 *     visits: count, then each    varint visit id plus one; 0 for events stored without a visit id
 *     events: count, then each
 *       time                      varint microseconds after the previous event (the first: after the day's start)
 *       name                      varint index into names
 *       path                      varint index into paths plus one; 0 when the event has no path
 *       visit                     varint index into the visitor's visits
 * </pre>
 * Visitors come in ascending key order (unsigned: DuckDB's {@code hash} is a UBIGINT), each
 * visitor's events in ascending time, then arrival. A trail carries hashed visitor keys, visit ids,
 * times, event names and paths: nothing that is not already in the events. The visit ids let a
 * question filtered on a visit dimension keep the events of the visits the filter keeps.
 */
final class DayTrail {
    static final int VERSION = 2;

    private DayTrail() {
    }

    /** Encodes rows that arrive ordered by {@code (visitor key, time)}. */
    static final class Writer {
        private final long dayStartMicros;
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<String, Integer> paths = new HashMap<>();
        private final Bytes body = new Bytes();
        private long[] times = new long[16];
        private int[] nameIds = new int[16];
        private int[] pathIds = new int[16];
        private int[] visitSlots = new int[16];
        private long[] visits = new long[4];
        private int visitCount;
        private int size;
        private long visitor;
        private long lastTime;
        private int visitors;

        Writer(long dayStartMicros) {
            this.dayStartMicros = dayStartMicros;
        }

        /** {@code visitId} null for an event stored without one. */
        void add(long visitorKey, long micros, String name, String path, Long visitId) {
            if (size > 0 && visitorKey != visitor) {
                if (Long.compareUnsigned(visitorKey, visitor) < 0) {
                    throw new IllegalArgumentException("trail rows must come in visitor key order");
                }
                flushVisitor();
            }
            if (micros < (size == 0 ? dayStartMicros : lastTime)) {
                throw new IllegalArgumentException("trail rows must come in time order within the day");
            }
            visitor = visitorKey;
            lastTime = micros;
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                nameIds = Arrays.copyOf(nameIds, size * 2);
                pathIds = Arrays.copyOf(pathIds, size * 2);
                visitSlots = Arrays.copyOf(visitSlots, size * 2);
            }
            visitSlots[size] = slot(visitId == null ? 0 : visitId + 1);
            times[size] = micros;
            nameIds[size] = names.computeIfAbsent(name, key -> names.size());
            pathIds[size++] = path == null ? 0 : paths.computeIfAbsent(path, key -> paths.size()) + 1;
        }

        /** The visit's index among the current visitor's visits, added when new. */
        private int slot(long storedVisit) {
            for (int i = 0; i < visitCount; i++) {
                if (visits[i] == storedVisit) {
                    return i;
                }
            }
            if (visitCount == visits.length) {
                visits = Arrays.copyOf(visits, visitCount * 2);
            }
            visits[visitCount] = storedVisit;
            return visitCount++;
        }

        byte[] finish() {
            if (size > 0) {
                flushVisitor();
            }
            Bytes out = new Bytes();
            out.varint(VERSION);
            strings(out, names);
            strings(out, paths);
            out.varint(visitors);
            out.append(body);
            return out.toByteArray();
        }

        private void flushVisitor() {
            visitors++;
            body.longValue(visitor);
            body.varint(visitCount);
            for (int i = 0; i < visitCount; i++) {
                body.varint(visits[i]);
            }
            body.varint(size);
            long previous = dayStartMicros;
            for (int i = 0; i < size; i++) {
                body.varint(times[i] - previous);
                previous = times[i];
                body.varint(nameIds[i]);
                body.varint(pathIds[i]);
                body.varint(visitSlots[i]);
            }
            size = 0;
            visitCount = 0;
        }

        private static void strings(Bytes out, Map<String, Integer> dictionary) {
            String[] byId = new String[dictionary.size()];
            dictionary.forEach((value, id) -> byId[id] = value);
            out.varint(byId.length);
            for (String value : byId) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.varint(utf8.length);
                out.write(utf8, 0, utf8.length);
            }
        }
    }

    /**
     * Decodes a trail visitor by visitor into reusable arrays: after {@link #next()} returns true,
     * {@link #visitor()}, {@link #size()} and the event arrays describe the current visitor.
     */
    static final class Reader {
        private final byte[] data;
        private final List<String> names;
        private final List<String> paths;
        private final long dayStartMicros;
        private int position;
        private int remaining;
        private long visitor;
        private int size;
        private long[] times = new long[16];
        private int[] nameIds = new int[16];
        private int[] pathIds = new int[16];
        private int[] visitSlots = new int[16];
        private long[] visits = new long[4];
        private int visitCount;

        Reader(byte[] data, long dayStartMicros) {
            this.data = data;
            this.dayStartMicros = dayStartMicros;
            int version = (int) varint();
            if (version != VERSION) {
                throw new IllegalStateException("trail version " + version + ", expected " + VERSION);
            }
            this.names = strings();
            this.paths = strings();
            this.remaining = (int) varint();
        }

        /** The event names, by index. */
        List<String> names() {
            return names;
        }

        /** The paths, by index (an event's path index is {@code pathIds[i] - 1}). */
        List<String> paths() {
            return paths;
        }

        boolean next() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            visitor = longValue();
            visitCount = (int) varint();
            if (visitCount > visits.length) {
                visits = new long[Math.max(visitCount, visits.length * 2)];
            }
            for (int i = 0; i < visitCount; i++) {
                visits[i] = varint();
            }
            size = (int) varint();
            if (size > times.length) {
                int capacity = Math.max(size, times.length * 2);
                times = new long[capacity];
                nameIds = new int[capacity];
                pathIds = new int[capacity];
                visitSlots = new int[capacity];
            }
            long time = dayStartMicros;
            for (int i = 0; i < size; i++) {
                time += varint();
                times[i] = time;
                nameIds[i] = (int) varint();
                pathIds[i] = (int) varint();
                visitSlots[i] = (int) varint();
            }
            return true;
        }

        long visitor() {
            return visitor;
        }

        int size() {
            return size;
        }

        long time(int index) {
            return times[index];
        }

        int nameId(int index) {
            return nameIds[index];
        }

        /** How many visits the current visitor's events belong to. */
        int visitCount() {
            return visitCount;
        }

        /** The stored visit id of one of those visits; null for events stored without one. */
        Long visitId(int slot) {
            return visits[slot] == 0 ? null : visits[slot] - 1;
        }

        /** The index of the event's visit among the current visitor's. */
        int visitSlot(int index) {
            return visitSlots[index];
        }

        /** The event's path index plus one, 0 without a path. */
        int pathId(int index) {
            return pathIds[index];
        }

        private List<String> strings() {
            int count = (int) varint();
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = (int) varint();
                values.add(new String(data, position, length, StandardCharsets.UTF_8));
                position += length;
            }
            return List.copyOf(values);
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        private long longValue() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (data[position++] & 0xff);
            }
            return value;
        }
    }

    /** A growable byte buffer with the two encodings of the format. */
    private static final class Bytes extends ByteArrayOutputStream {
        void varint(long value) {
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                write((int) (rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            write((int) rest);
        }

        void longValue(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (value >>> shift) & 0xff);
            }
        }

        void append(Bytes other) {
            write(other.buf, 0, other.count);
        }
    }
}
