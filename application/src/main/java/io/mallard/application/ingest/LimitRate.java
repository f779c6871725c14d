package io.mallard.application.ingest;

/**
 * Token buckets per site and per client address, so one abusive client cannot use up a site's
 * budget. The client bucket is taken first: a refused client does not spend the site's tokens.
 */
public record LimitRate(TokenBuckets perSite, TokenBuckets perClient) implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        if (!perClient.tryTake(event.clientAddress().getHostAddress())
                || !perSite.tryTake(event.hit().site().value())) {
            return new StepResult.Refuse(Refusal.RATE_LIMITED);
        }
        return new StepResult.Continue(event);
    }
}
