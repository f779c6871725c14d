package io.mallard.application.behavior;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.behavior.EventTrail;
import io.mallard.domain.behavior.SearchLimitExceededException;
import io.mallard.domain.behavior.SequenceMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequence matching per visitor. Each visitor's search has a step budget; a visitor over it is
 * skipped and reported. When more than {@value #MAX_SKIPPED} visitors are, the pattern is too
 * expensive for this data and the question is refused (400 naming {@code pattern}), so one request
 * can never search for long.
 */
public final class SequenceService {
    static final long STEPS_PER_VISITOR = 2_000_000L;
    static final int MAX_SKIPPED = 100;

    private final BehaviorQueries queries;
    private final QueryGate gate;

    public SequenceService(BehaviorQueries queries, QueryGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    public SequenceReport sequences(SequenceQuery sequence) {
        SequenceMatcher matcher = new SequenceMatcher(sequence.pattern(), STEPS_PER_VISITOR);
        Tally tally = new Tally();
        VisitorEvents visitors = new VisitorEvents(visitor -> {
            EventTrail trail = visitor.trail();
            try {
                long matches = matcher.count(trail);
                tally.converting += matches > 0 ? 1 : 0;
                tally.matches += matches;
            } catch (SearchLimitExceededException tooLong) {
                if (++tally.skipped > MAX_SKIPPED) {
                    throw new InvalidInputException("pattern", "the pattern is too expensive to search on this data: more than "
                            + MAX_SKIPPED + " visitors needed over " + STEPS_PER_VISITOR + " steps each; use fewer .* and time gates or narrow the range");
                }
            }
        });
        long everyone = gate.run(() -> {
            queries.scan(sequence.query(), new BehaviorQueries.BehaviorScan(sequence.conditions(), false, false,
                    BehaviorQueries.Reach.ALL), visitors);
            visitors.finish();
            return queries.visitors(sequence.query());
        });
        List<String> warnings = new ArrayList<>();
        if (tally.skipped > 0) {
            warnings.add(tally.skipped + " visitors had too many events to search and are not counted as converting");
        }
        return new SequenceReport(sequence.pattern().text(), tally.converting, everyone, Rates.of(tally.converting, everyone),
                tally.matches, tally.skipped, warnings);
    }

    private static final class Tally {
        long converting;
        long matches;
        long skipped;
    }
}
