package io.mallard.domain.behavior;

/**
 * A behavioral function was configured wrongly: a malformed pattern, an unknown funnel mode, a
 * month-based or negative window, too few or too many conditions. The message says which argument
 * and what is accepted, so the HTTP edge can pass it on as a 400.
 */
public class BehaviorArgumentException extends IllegalArgumentException {
    public BehaviorArgumentException(String message) {
        super(message);
    }
}
