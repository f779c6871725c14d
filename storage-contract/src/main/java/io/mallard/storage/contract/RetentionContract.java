package io.mallard.storage.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.mallard.storage.contract.ContractEvents.pageview;
import static io.mallard.storage.contract.ContractEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention deletes every event dated before the cutoff's UTC midnight, of every site, settled or fresh, and nothing else. */
public abstract class RetentionContract extends FreshEngineContract {

    @Test
    void deletesEveryEventBeforeTheCutoffWhereverItIs() {
        engine.events().append(List.of(pageview(1, "old.test", "v1", Instant.parse("2026-01-01T10:00:00Z")),
                pageview(2, "keep.test", "v2", Instant.parse("2026-01-09T23:59:59Z")),
                pageview(3, "keep.test", "v2", Instant.parse("2026-01-10T00:00:00Z"))));
        underTest().settle(engine);
        engine.events().append(List.of(pageview(4, "old.test", "v1", Instant.parse("2026-01-05T10:00:00Z")),
                pageview(5, "keep.test", "v3", Instant.parse("2026-01-11T10:00:00Z"))));

        long deleted = engine.deleteBefore(LocalDate.parse("2026-01-10"));

        assertThat(deleted).isEqualTo(3);
        assertThat(stored(engine, "old.test")).isZero();
        assertThat(stored(engine, "keep.test")).isEqualTo(2);
        assertThat(engine.deleteBefore(LocalDate.parse("2026-01-10"))).as("a second run finds nothing").isZero();
    }
}
