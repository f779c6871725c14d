package io.mallard.application.ingest;

import io.mallard.application.agent.UserAgentParser;
import io.mallard.application.geo.GeoLocator;
import io.mallard.application.site.Sites;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.domain.privacy.GeoPrecision;
import io.mallard.domain.visitor.VisitorIdHasher;

import java.util.ArrayList;
import java.util.List;

/**
 * The ingestion pipeline's steps, in order. The order is part of the contract: refusals (403, 429)
 * are decided before bot drops, so a bot cannot tell a registered site from an unregistered one;
 * the cheap bot pattern runs before User-Agent parsing; the privacy policy is applied after the
 * last step by {@link IngestService}.
 */
public final class IngestPipeline {
    private IngestPipeline() {
    }

    public record Settings(TrustedProxies trustedProxies, Sites sites, TokenBuckets perSite, TokenBuckets perClient,
                           boolean filterBots, UserAgentParser userAgents, VisitorIdHasher visitorIds,
                           GeoLocator geoLocator, GeoPrecision geoPrecision) {
    }

    public static List<IngestStep> steps(Settings settings) {
        List<IngestStep> steps = new ArrayList<>();
        steps.add(new ResolveClientAddress(settings.trustedProxies()));
        steps.add(new AdmitSite(settings.sites()));
        steps.add(new LimitRate(settings.perSite(), settings.perClient()));
        if (settings.filterBots()) {
            steps.add(new FilterKnownBots());
        }
        steps.add(new ParseUserAgent(settings.userAgents(), settings.filterBots()));
        steps.add(new AssignVisitorId(settings.visitorIds()));
        steps.add(new LocateClient(settings.geoLocator(), settings.geoPrecision()));
        steps.add(new ClassifyReferrer());
        return List.copyOf(steps);
    }
}
