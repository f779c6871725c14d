package io.mallard.duckdb;

import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageProvider;
import io.mallard.memory.MemoryStorageProvider;
import io.mallard.storage.contract.BehaviorContract;
import io.mallard.storage.contract.BehaviorQuestionsContract;
import io.mallard.storage.contract.DifferentialContract;
import io.mallard.storage.contract.EngineUnderTest;
import io.mallard.storage.contract.ErasureContract;
import io.mallard.storage.contract.EventStoreContract;
import io.mallard.storage.contract.RetentionContract;
import io.mallard.storage.contract.StatsContract;
import org.junit.jupiter.api.Nested;

/**
 * The whole contract kit against the DuckDB engine: "settled" events are flushed from the hot tier
 * to Parquet, so every contract reads both tiers; the differential contract compares its answers
 * with the reference (memory) engine's.
 */
class DuckDbStorageContractTest {
    static final EngineUnderTest DUCKDB = new EngineUnderTest() {
        @Override
        public StorageProvider provider() {
            return new DuckDbStorageProvider();
        }

        @Override
        public void settle(StorageEngine engine) {
            ((DuckDbStorageEngine) engine).tiers().flushToCold();
        }
    };
    static final EngineUnderTest MEMORY = MemoryStorageProvider::new;

    @Nested
    class Stats extends StatsContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }
    }

    @Nested
    class Behavior extends BehaviorContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }
    }

    @Nested
    class BehaviorQuestions extends BehaviorQuestionsContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }
    }

    @Nested
    class EventStore extends EventStoreContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }
    }

    @Nested
    class Erasure extends ErasureContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }
    }

    @Nested
    class Retention extends RetentionContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }
    }

    @Nested
    class Differential extends DifferentialContract {
        @Override
        protected EngineUnderTest underTest() {
            return DUCKDB;
        }

        @Override
        protected EngineUnderTest reference() {
            return MEMORY;
        }
    }
}
