package io.mallard.application.storage;

import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What storage found damaged, set aside and lost: a corrupt journal region, a cold file that no
 * longer reads. Damage is local: the engine keeps the evidence aside (never deletes it), goes on
 * with everything else, and reports it here, where {@code /health/detailed}, {@code /metrics} and
 * the answers of queries touching lost data read it. Thread-safe; the newest
 * {@value #KEPT} reports are kept, counts are totals since start.
 */
public final class DataDamage {
    static final int KEPT = 1000;

    public enum Kind {
        /** Journal bytes that fail their checks between intact records: acknowledged events lost. */
        JOURNAL_REGION,
        /** A cold file that cannot be read: its events are missing from answers. */
        COLD_FILE
    }

    /**
     * One finding.
     *
     * @param location what was damaged (a file, with an offset range for journal regions)
     * @param keptAt   where the damaged bytes were set aside for inspection
     * @param site     the site whose data is missing, when known
     * @param day      the UTC day whose data is missing, when known
     * @param events   events lost, or -1 when the damage does not say
     */
    public record Finding(Kind kind, String location, String keptAt, String detail, Instant foundAt,
                          SiteId site, LocalDate day, long events) {
        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(location, "location");
        }

        /** Whether the finding makes data of this site and these UTC days missing. */
        public boolean affects(SiteId querySite, LocalDate firstDay, LocalDate lastDay) {
            return site != null && day != null && site.equals(querySite) && !day.isBefore(firstDay) && !day.isAfter(lastDay);
        }
    }

    private final Deque<Finding> findings = new ArrayDeque<>();
    private final AtomicLong journalRegions = new AtomicLong();
    private final AtomicLong coldFiles = new AtomicLong();

    public void report(Finding finding) {
        (finding.kind() == Kind.JOURNAL_REGION ? journalRegions : coldFiles).incrementAndGet();
        synchronized (findings) {
            findings.addLast(finding);
            if (findings.size() > KEPT) {
                findings.removeFirst();
            }
        }
    }

    public List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    /** Findings that make data of this site in these UTC days missing. */
    public List<Finding> affecting(SiteId site, LocalDate firstDay, LocalDate lastDay) {
        return findings().stream().filter(finding -> finding.affects(site, firstDay, lastDay)).toList();
    }

    public long count(Kind kind) {
        return (kind == Kind.JOURNAL_REGION ? journalRegions : coldFiles).get();
    }
}
