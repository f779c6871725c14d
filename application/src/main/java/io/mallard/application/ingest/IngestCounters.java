package io.mallard.application.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of ingestion outcomes since start (exported as Prometheus counters). Thread-safe, contention-free. */
public final class IngestCounters {
    private final LongAdder accepted = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

    public IngestCounters() {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, new LongAdder());
        }
    }

    void count(IngestOutcome outcome) {
        switch (outcome) {
            case IngestOutcome.Accepted accepted -> this.accepted.increment();
            case IngestOutcome.Dropped drop -> dropped.get(drop.reason()).increment();
            case IngestOutcome.Refused refusal -> refused.get(refusal.refusal()).increment();
        }
    }

    /** Events stored (answered 202 and durable). */
    public long accepted() {
        return accepted.sum();
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason).sum();
    }

    public long refused(Refusal refusal) {
        return refused.get(refusal).sum();
    }
}
