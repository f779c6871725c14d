package io.mallard.http.stats;

import io.mallard.application.account.AccessPolicy;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.StatsService;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Comparison;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import io.mallard.domain.stats.Period;
import io.mallard.http.param.RequestValues;
import io.mallard.http.security.SiteAccess;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The parameters every stats route shares, validated: {@code site_id} (which the caller must be
 * allowed to read), {@code period} (default {@code 30d}), {@code date}, {@code start_date} /
 * {@code end_date} (a custom range; {@code from} / {@code to} also accepted), {@code filters}.
 * Every bad value is a 400 naming its parameter.
 */
final class StatsRequest {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_PAGE = 100_000;

    private final HttpParameters parameters;
    private final StatsQuery query;

    private StatsRequest(HttpParameters parameters, StatsQuery query) {
        this.parameters = parameters;
        this.query = query;
    }

    static StatsRequest read(HttpRequest<?> request, StatsService stats, AccessPolicy policy) {
        HttpParameters parameters = request.getParameters();
        SiteId site = SiteAccess.require(request, policy, parameters.get("site_id"));
        LocalDate from = optionalDate(parameters, "start_date").or(() -> optionalDate(parameters, "from")).orElse(null);
        LocalDate to = optionalDate(parameters, "end_date").or(() -> optionalDate(parameters, "to")).orElse(null);
        String periodText = parameters.get("period");
        Period period;
        if (periodText == null || periodText.isBlank()) {
            period = from != null || to != null ? Period.CUSTOM : Period.THIRTY_DAYS;
        } else {
            period = parse("period", () -> Period.fromLabel(periodText));
        }
        if (period == Period.CUSTOM && (from == null || to == null)) {
            throw new InvalidInputException(from == null ? "start_date" : "end_date", "a custom range needs start_date and end_date (YYYY-MM-DD)");
        }
        LocalDate date = optionalDate(parameters, "date").orElse(null);
        Filters filters = FiltersParameter.parse(parameters.get(FiltersParameter.NAME));
        StatsQuery query = parse(period == Period.CUSTOM ? "start_date" : "period",
                () -> stats.query(site, period, date, from, to, filters));
        DataWarnings.attach(request, query);
        return new StatsRequest(parameters, query);
    }

    StatsQuery query() {
        return query;
    }

    /** {@code interval}: hour, day, week or month; by default the one that suits the range's length. */
    Interval interval() {
        String text = parameters.get("interval");
        return text == null || text.isBlank() ? Interval.defaultFor(query.range()) : parse("interval", () -> Interval.fromLabel(text));
    }

    Optional<Comparison> comparison() {
        String text = parameters.get("compare");
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (query.clip() != null) {
            throw new InvalidInputException("compare", "the realtime period has nothing to compare with");
        }
        return Optional.of(parse("compare", () -> Comparison.fromLabel(text)));
    }

    /** For questions over whole days (the behavioral routes): the realtime period is refused, naming it. */
    StatsRequest wholeDays() {
        if (query.clip() != null) {
            throw new InvalidInputException("period", "the realtime period is for the stats routes; behavioral questions take days");
        }
        return this;
    }

    int limit() {
        return bounded("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    int page() {
        return bounded("page", 1, 1, MAX_PAGE);
    }

    String text(String name) {
        return parameters.get(name);
    }

    private int bounded(String name, int fallback, int min, int max) {
        return RequestValues.integer(name, parameters.get(name), fallback, min, max);
    }

    private static Optional<LocalDate> optionalDate(HttpParameters parameters, String name) {
        String text = parameters.get(name);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(RequestValues.date(name, text));
    }

    private static <T> T parse(String name, java.util.function.Supplier<T> parser) {
        return RequestValues.parsed(name, parser);
    }
}
