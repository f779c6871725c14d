package io.mallard.application.ingest;

import io.mallard.domain.bot.BotPatterns;

/** Drops clients whose User-Agent matches a known bot pattern (cheap; runs before parsing). */
public final class FilterKnownBots implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        return BotPatterns.matches(event.client().userAgent())
                ? new StepResult.Drop(DropReason.BOT_PATTERN)
                : new StepResult.Continue(event);
    }
}
