package io.mallard.domain.behavior;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The modes of a window funnel (ClickHouse's names; {@code strict} and {@code timestamp_dedup} are
 * accepted as aliases). A mode string is a comma-separated list, case-insensitive, blank tokens
 * ignored; an unknown name is an error, never silently the default.
 */
public enum FunnelMode {
    /** A condition firing again for a step already reached stops the scan. */
    STRICT_DEDUPLICATION("strict_deduplication", "strict"),
    /** After the entry, an event matching no step, or a step before its predecessor, stops the scan. */
    STRICT_ORDER("strict_order"),
    /** Each step strictly later than the previous one: one event cannot fill two steps. */
    STRICT_INCREASE("strict_increase", "timestamp_dedup"),
    /** An event fills at most one step of a chain. */
    STRICT_ONCE("strict_once"),
    /** With strict_order: a step arriving before its predecessor is skipped instead of stopping. */
    ALLOW_REENTRY("allow_reentry");

    private final String label;
    private final String alias;

    FunnelMode(String label) {
        this(label, null);
    }

    FunnelMode(String label, String alias) {
        this.label = label;
        this.alias = alias;
    }

    public String label() {
        return label;
    }

    /** The modes of a mode string; NULL or blank means the default mode (no flags). */
    public static Set<FunnelMode> parse(String modes) {
        EnumSet<FunnelMode> parsed = EnumSet.noneOf(FunnelMode.class);
        if (modes == null) {
            return parsed;
        }
        for (String token : modes.split(",", -1)) {
            String name = token.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                parsed.add(named(name));
            }
        }
        return checked(parsed);
    }

    /** Refuses combinations that mean nothing. */
    public static Set<FunnelMode> checked(Set<FunnelMode> modes) {
        if (modes.contains(ALLOW_REENTRY) && !modes.contains(STRICT_ORDER)) {
            throw new BehaviorArgumentException("window_funnel: mode 'allow_reentry' requires 'strict_order'");
        }
        return modes;
    }

    private static FunnelMode named(String name) {
        return Arrays.stream(values()).filter(mode -> name.equals(mode.label) || name.equals(mode.alias))
                .findFirst()
                .orElseThrow(() -> new BehaviorArgumentException("window_funnel: unknown mode '" + name
                        + "'; valid modes are " + Arrays.stream(values()).map(FunnelMode::label)
                                .collect(Collectors.joining(", "))));
    }
}
