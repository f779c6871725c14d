package io.mallard.domain.event;

/** An event's name: {@code pageview} or a custom name such as {@code signup}; 1–256 printable characters. */
public record EventName(String value) {
    public static final int MAX_LENGTH = 256;
    public static final EventName PAGEVIEW = new EventName("pageview");
    /** The tracker's page-leave report: non-interactive (it never ends a bounce), see {@link Engagement}. */
    public static final EventName ENGAGEMENT = new EventName("engagement");

    public EventName {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("event name must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("event name must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasControlCharacter(value)) {
            throw new IllegalArgumentException("event name must not contain control characters");
        }
    }

    public boolean isPageview() {
        return value.equals(PAGEVIEW.value);
    }
}
