package io.mallard.application.account;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a service that mirrors credentials in memory asks the store about one it has not seen.
 * One node owning its store never needs to ({@link #NEVER}): every credential was made through it.
 * Nodes sharing a store do ({@link #sharedStore}), since a session or key made on another node is
 * in the store before this node's next re-read; such lookups block on the database, so they are
 * limited to a number per second per node, and once that is spent an unknown credential is refused
 * as unknown until the next second (random tokens cannot queue database work without bound).
 */
public final class CredentialLookThrough {
    /** Store lookups a node makes per second for credentials it has not mirrored. */
    public static final int LOOKUPS_PER_SECOND = 50;
    public static final CredentialLookThrough NEVER = new CredentialLookThrough(null, 0);

    private final Clock clock;
    private final int perSecond;
    private long second = Long.MIN_VALUE;
    private int used;

    private CredentialLookThrough(Clock clock, int perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
    }

    public static CredentialLookThrough sharedStore(Clock clock) {
        return new CredentialLookThrough(clock, LOOKUPS_PER_SECOND);
    }

    /** The store's answer, or empty without asking when lookups are off or this second's are spent. */
    public <T> Optional<T> find(Supplier<Optional<T>> lookup) {
        return mayLookUp() ? lookup.get() : Optional.empty();
    }

    private synchronized boolean mayLookUp() {
        if (perSecond == 0) {
            return false;
        }
        long now = clock.millis() / 1000;
        if (now != second) {
            second = now;
            used = 0;
        }
        return used++ < perSecond;
    }
}
