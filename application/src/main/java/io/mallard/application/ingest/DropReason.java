package io.mallard.application.ingest;

/** Why an event was silently dropped (answered 202, not stored). */
public enum DropReason {
    /** The User-Agent matches a known bot pattern or is empty. */
    BOT_PATTERN,
    /** The User-Agent parser classifies the client as a robot. */
    ROBOT_AGENT
}
