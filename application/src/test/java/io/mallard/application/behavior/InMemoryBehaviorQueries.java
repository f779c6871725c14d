package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.StepCondition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link BehaviorQueries} fake: events in a list, conditions evaluated in Java, the port's order.
 * It supports no stats filters (the DuckDB adapter's tests cover those).
 */
final class InMemoryBehaviorQueries implements BehaviorQueries {
    record Event(long visitor, Instant time, String name, String path, Map<String, String> props) {
    }

    private final List<Event> events = new ArrayList<>();

    InMemoryBehaviorQueries pageview(long visitor, String time, String path) {
        events.add(new Event(visitor, Instant.parse(time), "pageview", path, Map.of()));
        return this;
    }

    InMemoryBehaviorQueries event(long visitor, String time, String name) {
        events.add(new Event(visitor, Instant.parse(time), name, "/", Map.of()));
        return this;
    }

    @Override
    public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
        if (!query.filters().isEmpty()) {
            // Filters are the adapter's job, checked against real DuckDB in DuckDbBehaviorQueriesTest.
            throw new IllegalArgumentException("InMemoryBehaviorQueries models no stats filters");
        }
        record Row(long visitor, long micros, int mask, String path) {
        }
        List<Row> rows = new ArrayList<>();
        for (Event event : inRange(query)) {
            if (scan.pageviewsOnly() && !event.name().equals("pageview")) {
                continue;
            }
            int mask = 0;
            for (int i = 0; i < scan.conditions().size(); i++) {
                mask |= holds(scan.conditions().get(i), event) ? 1 << i : 0;
            }
            if (mask != 0 || scan.unmatchedToo()) {
                rows.add(new Row(event.visitor(), ChronoUnit.MICROS.between(Instant.EPOCH, event.time()), mask, event.path()));
            }
        }
        rows.sort(Comparator.comparingLong(Row::visitor).thenComparingLong(Row::micros)
                .thenComparing(Row::mask, Integer::compareUnsigned));
        rows.forEach(row -> sink.event(row.visitor(), row.micros(), row.mask(), row.path()));
    }

    @Override
    public long visitors(StatsQuery query) {
        return inRange(query).stream().mapToLong(Event::visitor).distinct().count();
    }

    private List<Event> inRange(StatsQuery query) {
        return events.stream().filter(event -> !event.time().isBefore(query.from()) && event.time().isBefore(query.until())).toList();
    }

    private static boolean holds(StepCondition condition, Event event) {
        return switch (condition) {
            case StepCondition.AnyEvent any -> true;
            case StepCondition.Page page -> event.name().equals("pageview")
                    && Pattern.compile(Pattern.quote(page.path()).replace("*", "\\E.*\\Q")).matcher(event.path()).matches();
            case StepCondition.CustomEvent custom -> event.name().equals(custom.name().value())
                    && (custom.propKey() == null || custom.propValue().equals(event.props().get(custom.propKey())));
        };
    }
}
