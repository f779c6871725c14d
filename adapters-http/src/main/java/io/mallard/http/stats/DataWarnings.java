package io.mallard.http.stats;

import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.StatsService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Answers that lack data (a damaged file was set aside) say so: every stats answer carries one
 * {@value #HEADER} header per warning, whatever its body's shape (many are bare JSON arrays, as
 * the reference's), and {@code /api/stats/main} repeats them in its {@code warnings} field. The
 * warnings are read after the answer was computed, so damage its own queries found is included.
 */
@ServerFilter("/api/stats/**")
public class DataWarnings {
    static final String HEADER = "X-Mallard-Warning";
    private static final String ATTRIBUTE = "mallard.stats-query";

    private final StatsService stats;

    public DataWarnings(StatsService stats) {
        this.stats = stats;
    }

    /** Remembers the question a stats request asks, for its answer's warnings. */
    static void attach(HttpRequest<?> request, StatsQuery query) {
        request.setAttribute(ATTRIBUTE, query);
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, StatsQuery.class)
                .ifPresent(query -> stats.missingData(query).forEach(warning -> response.getHeaders().add(HEADER, warning)));
    }
}
