package io.mallard.application.storage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataSyncTest {
    final AtomicLong generation = new AtomicLong(7);
    final AtomicInteger rereads = new AtomicInteger();

    @Test
    void rereadsOnlyWhenTheGenerationMoved() {
        MetadataSync sync = new MetadataSync(generation::get, List.of(rereads::incrementAndGet));

        assertThat(sync.tick()).isFalse();
        generation.incrementAndGet();
        assertThat(sync.tick()).isTrue();
        assertThat(sync.tick()).isFalse();
        assertThat(rereads).hasValue(1);
    }

    @Test
    void aFailedRereadIsRetriedAtTheNextTick() {
        AtomicInteger failures = new AtomicInteger(1);
        MetadataSync sync = new MetadataSync(generation::get, List.of(() -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("database away");
            }
            rereads.incrementAndGet();
        }));
        generation.incrementAndGet();

        assertThatThrownBy(sync::tick).isInstanceOf(IllegalStateException.class);
        assertThat(sync.tick()).isTrue();
        assertThat(rereads).hasValue(1);
    }
}
