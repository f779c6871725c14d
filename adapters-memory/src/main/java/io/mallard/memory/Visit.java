package io.mallard.memory;

import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.stats.Dimension;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One visit: a visitor's events within the question's range that belong together (METRICS.md),
 * in order. Its figures count all of them, whatever the filters matched.
 */
final class Visit {
    final String visitor;
    /** The visit's events in order: by event id for events stored with a visit id, by time for older ones. */
    final List<Event> events;
    final long pageviews;
    /** Custom events other than the page-leave report: a visit with one is not a bounce. */
    final long interactions;
    private final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);

    Visit(String visitor, List<Event> events) {
        this.visitor = visitor;
        this.events = List.copyOf(events);
        this.pageviews = events.stream().filter(event -> event.eventName().isPageview()).count();
        this.interactions = events.stream().filter(Visit::isInteraction).count();
    }

    static boolean isInteraction(Event event) {
        return !event.eventName().isPageview() && !event.eventName().equals(EventName.ENGAGEMENT);
    }

    boolean isBounce() {
        return pageviews == 1 && interactions == 0;
    }

    Instant started() {
        return events.stream().map(Event::timestamp).min(Instant::compareTo).orElseThrow();
    }

    Instant ended() {
        return events.stream().map(Event::timestamp).max(Instant::compareTo).orElseThrow();
    }

    double seconds() {
        Duration length = Duration.between(started(), ended());
        return length.getSeconds() + length.getNano() / 1e9;
    }

    /** A visit dimension's value, or its missing label. */
    String dimension(Dimension dimension) {
        return dimensions.computeIfAbsent(dimension, this::compute);
    }

    private String compute(Dimension dimension) {
        String value = switch (dimension) {
            case ENTRY_PAGE -> pageviewPaths().findFirst().orElse(null);
            case EXIT_PAGE -> pageviewPaths().reduce((first, second) -> second).orElse(null);
            default -> Values.ofFirstEvent(events.getFirst(), dimension);
        };
        return value == null ? dimension.missingLabel() : value;
    }

    private java.util.stream.Stream<String> pageviewPaths() {
        return events.stream().filter(event -> event.eventName().isPageview()).map(Event::pathname)
                .filter(java.util.Objects::nonNull);
    }
}
