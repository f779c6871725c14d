package io.mallard.application.behavior;

import io.mallard.domain.behavior.TimeSpan;

import java.time.Duration;
import java.util.List;

/**
 * How long one visitor id lasts. Visitor ids are salted per day (PRIVACY.md), so by default the
 * same person is a new visitor every day: a funnel window or a retention period longer than that
 * cannot follow anyone, and the answer says so instead of silently showing zeros.
 */
public record IdentityWindow(String setting, String period, Duration length) {
    public static final IdentityWindow DAILY = new IdentityWindow("daily", "day", Duration.ofDays(1));

    List<String> warnFunnel(TimeSpan window) {
        if (window.micros() <= length.toNanos() / 1_000) {
            return List.of();
        }
        return List.of("visitor ids last " + describe() + ": a funnel window longer than that cannot follow a visitor "
                + "past the id's rotation, so later steps are undercounted");
    }

    List<String> warnRetention(Duration period) {
        if (period.compareTo(length) < 0) {
            return List.of();
        }
        return List.of("visitor ids last " + describe() + ": a visitor returning in a later period has a new id "
                + "and counts as a new visitor, so retention after period 0 is undercounted");
    }

    private String describe() {
        return "one " + period + " (identity rotation '" + setting + "')";
    }
}
