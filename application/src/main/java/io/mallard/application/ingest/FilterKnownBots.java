package io.mallard.application.ingest;

import io.mallard.domain.bot.BotPatterns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops clients whose User-Agent matches a known bot pattern (cheap; runs before parsing).
 *
 * <p>Verdicts are remembered per User-Agent: matching lowercases the header and scans it for every
 * pattern, which profiled as the largest single cost of the pipeline at peak ingestion, while real
 * traffic repeats a few thousand User-Agents. Memory stays bounded: at {@value #REMEMBERED}
 * entries the memory is emptied and refills with the User-Agents still in use (kept in memory only,
 * like the parser's cache; never logged or stored).
 */
public final class FilterKnownBots implements IngestStep {
    static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    @Override
    public StepResult apply(PendingEvent event) {
        return isBot(event.client().userAgent())
                ? new StepResult.Drop(DropReason.BOT_PATTERN)
                : new StepResult.Continue(event);
    }

    boolean isBot(String userAgent) {
        if (userAgent == null) {
            return BotPatterns.matches(null);
        }
        Boolean known = verdicts.get(userAgent);
        if (known != null) {
            return known;
        }
        boolean bot = BotPatterns.matches(userAgent);
        if (verdicts.size() >= REMEMBERED) {
            verdicts.clear();
        }
        verdicts.put(userAgent, bot);
        return bot;
    }

    /** User-Agents remembered now (for tests). */
    int remembered() {
        return verdicts.size();
    }
}
