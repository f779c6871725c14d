package io.mallard.http.gdpr;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.erasure.ErasureService;
import io.mallard.application.erasure.ErasureService.Erasure;
import io.mallard.application.erasure.EventEraser;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.http.param.RequestValues;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.SiteAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;

/**
 * GDPR Art. 17 erasure, in every tier:
 * <ul>
 *   <li>{@code DELETE /api/gdpr/erase?site_id=…&start_date=…&end_date=…} removes the site's events on
 *   those days (inclusive, in the site's time zone);</li>
 *   <li>{@code DELETE /api/gdpr/erase?site_id=…&uid=…} removes one identified person's events on every
 *   day: the {@code uid} the site's tracker sent, hashed as ingestion hashes it.</li>
 * </ul>
 * Each answers what it removed. Each erasure is logged with its site (and range), never with event
 * content or the {@code uid}.
 */
@Controller("/api/gdpr")
@ExecuteOn(TaskExecutors.BLOCKING)
@AccessRule(Access.ADMIN)
public class GdprController {
    private static final Logger LOG = LoggerFactory.getLogger(GdprController.class);

    private final ErasureService erasure;
    private final AccessPolicy policy;

    @Serdeable
    public record ErasureView(String site_id, LocalDate start_date, LocalDate end_date, String time_zone, Instant from,
                              Instant until, long events_deleted, int files_deleted, int files_rewritten) {
        static ErasureView of(Erasure erasure) {
            return new ErasureView(erasure.site().value(), erasure.startDate(), erasure.endDate(), erasure.timeZone().getId(),
                    erasure.from(), erasure.until(), erasure.erased().events(), erasure.erased().filesDeleted(),
                    erasure.erased().filesRewritten());
        }
    }

    /** What an erasure by {@code uid} removed (the {@code uid} is not repeated). */
    @Serdeable
    public record UserErasureView(String site_id, long events_deleted, int files_deleted, int files_rewritten) {
    }

    public GdprController(ErasureService erasure, AccessPolicy policy) {
        this.erasure = erasure;
        this.policy = policy;
    }

    @Delete("/erase")
    public HttpResponse<?> erase(HttpRequest<?> request, @QueryValue @Nullable String site_id, @QueryValue @Nullable String start_date,
                        @QueryValue @Nullable String end_date, @QueryValue @Nullable String uid) {
        SiteId site = SiteAccess.require(request, policy, site_id);
        if (uid != null) {
            if (start_date != null || end_date != null) {
                throw new InvalidInputException("uid", "give either uid (every day of that person) or start_date and end_date, not both");
            }
            EventEraser.Erased erased = erasure.eraseUser(site, uid);
            LOG.info("GDPR erasure of an identified user: site {}: {} event(s), {} file(s) deleted, {} rewritten", site.value(),
                    erased.events(), erased.filesDeleted(), erased.filesRewritten());
            return HttpResponse.ok(new UserErasureView(site.value(), erased.events(), erased.filesDeleted(), erased.filesRewritten()));
        }
        LocalDate start = RequestValues.date("start_date", start_date);
        LocalDate end = RequestValues.date("end_date", end_date);
        ErasureView view = ErasureView.of(erasure.erase(site, start, end));
        LOG.info("GDPR erasure: site {} from {} to {} ({}): {} event(s), {} file(s) deleted, {} rewritten", view.site_id(),
                start, end, view.time_zone(), view.events_deleted(), view.files_deleted(), view.files_rewritten());
        return HttpResponse.ok(view);
    }
}
