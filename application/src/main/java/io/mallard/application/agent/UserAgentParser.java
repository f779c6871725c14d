package io.mallard.application.agent;

/**
 * Port: turns a raw User-Agent header into browser, OS and device facts.
 *
 * <p>May be slow on a cache miss (milliseconds): callers run it off the network event loop.
 * Implementations are thread-safe, never throw for any input, never log or store the input, and
 * answer {@link UserAgent#UNKNOWN} for text they cannot read.
 */
public interface UserAgentParser {
    UserAgent parse(String userAgent);

    /** Whether {@link #parse} would answer this User-Agent from memory, doing no analysis (cheap, never blocks). */
    default boolean isCached(String userAgent) {
        return false;
    }
}
