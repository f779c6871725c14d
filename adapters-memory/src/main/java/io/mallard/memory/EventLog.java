package io.mallard.memory;

import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Every stored event, by site. Site ids match case-insensitively, as everywhere in the product. A
 * read copies what it needs under the read lock, so queries see each append whole or not at all
 * and never block appends for long.
 */
final class EventLog {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<Event>> bySite = new HashMap<>();
    private long size;

    void append(List<Event> events) {
        lock.writeLock().lock();
        try {
            for (Event event : events) {
                bySite.computeIfAbsent(key(event.siteId()), site -> new ArrayList<>()).add(event);
            }
            size += events.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The site's events with {@code from <= timestamp < until}, in arrival order. */
    List<Event> read(SiteId site, Instant from, Instant until) {
        return read(site, event -> !event.timestamp().isBefore(from) && event.timestamp().isBefore(until));
    }

    List<Event> read(SiteId site, Predicate<Event> wanted) {
        lock.readLock().lock();
        try {
            return bySite.getOrDefault(key(site), List.of()).stream().filter(wanted).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every site's events meeting {@code wanted}. */
    List<Event> readAll(Predicate<Event> wanted) {
        lock.readLock().lock();
        try {
            return bySite.values().stream().flatMap(List::stream).filter(wanted).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes the events of {@code site} (every site when null) meeting {@code doomed}; returns how many. */
    long remove(SiteId site, Predicate<Event> doomed) {
        lock.writeLock().lock();
        try {
            long removed = 0;
            for (Map.Entry<String, List<Event>> entry : bySite.entrySet()) {
                if (site != null && !entry.getKey().equals(key(site))) {
                    continue;
                }
                List<Event> events = entry.getValue();
                int before = events.size();
                events.removeIf(doomed);
                removed += before - events.size();
            }
            size -= removed;
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    long size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static String key(SiteId site) {
        return site.value().toLowerCase(Locale.ROOT);
    }
}
