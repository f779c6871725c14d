package io.mallard.domain.behavior;

/**
 * A pattern search over one group of events needed more steps than its budget allows. The search
 * stops instead of running for minutes on adversarial input (a long group with a pattern of many
 * {@code .*} and time gates); the caller decides whether to fail or to skip that group.
 */
public class SearchLimitExceededException extends RuntimeException {
    public SearchLimitExceededException(long budget, int events) {
        super("sequence pattern search stopped after " + budget + " steps on a group of " + events
                + " events; simplify the pattern or narrow the query");
    }
}
