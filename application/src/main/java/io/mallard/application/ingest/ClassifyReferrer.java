package io.mallard.application.ingest;

import io.mallard.domain.page.PageUrl;
import io.mallard.domain.referrer.ReferrerSource;

/** Names the visit's source from the referrer (self-referrals name none), else from utm_source. */
public final class ClassifyReferrer implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        Hit hit = event.hit();
        String pageHost = hit.page().hostname() != null ? hit.page().hostname() : PageUrl.normaliseHost(hit.site().value());
        String source = ReferrerSource.of(hit.referrer(), pageHost, hit.page().utm().source()).orElse(null);
        return new StepResult.Continue(event.withReferrerSource(source));
    }
}
