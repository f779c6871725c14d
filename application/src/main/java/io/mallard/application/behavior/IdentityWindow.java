package io.mallard.application.behavior;

import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.visitor.IdentityRotation;

import java.time.Duration;
import java.util.List;

/**
 * How long one anonymous visitor id lasts, from the operator's identity rotation (PRIVACY.md). A
 * funnel window or a retention period at least that long cannot follow a person past the id's
 * rotation, and the answer says so instead of silently undercounting. Visitors the site identifies
 * itself ({@code uid}) keep their id, but the warning cannot know how many of those there are.
 */
public record IdentityWindow(IdentityRotation rotation) {
    public static final IdentityWindow DAILY = new IdentityWindow(IdentityRotation.DAILY);

    List<String> warnFunnel(TimeSpan window) {
        if (window.micros() <= lifetime().toNanos() / 1_000) {
            return List.of();
        }
        return List.of("visitor ids last " + describe() + ": a funnel window longer than that cannot follow a visitor "
                + "past the id's rotation, so later steps are undercounted");
    }

    /** {@code span}: from the first cohort's period to the last period asked for (zero for one period). */
    List<String> warnRetention(Duration span) {
        if (span.isZero() || span.compareTo(lifetime()) < 0) {
            return List.of();
        }
        return List.of("visitor ids last " + describe() + ": a visitor returning in a later period has a new id "
                + "and counts as a new visitor, so retention after period 0 is undercounted");
    }

    private Duration lifetime() {
        return rotation.shortestLifetime();
    }

    private String describe() {
        return "one " + rotation.period() + " (identity rotation '" + rotation.setting() + "')";
    }
}
