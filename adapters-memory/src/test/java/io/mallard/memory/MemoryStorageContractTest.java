package io.mallard.memory;

import io.mallard.storage.contract.BehaviorContract;
import io.mallard.storage.contract.BehaviorQuestionsContract;
import io.mallard.storage.contract.EngineUnderTest;
import io.mallard.storage.contract.ErasureContract;
import io.mallard.storage.contract.EventStoreContract;
import io.mallard.storage.contract.RetentionContract;
import io.mallard.storage.contract.StatsContract;
import org.junit.jupiter.api.Nested;

/** The whole contract kit against the reference engine (the differential contract compares other engines with it). */
class MemoryStorageContractTest {
    static final EngineUnderTest MEMORY = MemoryStorageProvider::new;

    @Nested
    class Stats extends StatsContract {
        @Override
        protected EngineUnderTest underTest() {
            return MEMORY;
        }
    }

    @Nested
    class Behavior extends BehaviorContract {
        @Override
        protected EngineUnderTest underTest() {
            return MEMORY;
        }
    }

    @Nested
    class BehaviorQuestions extends BehaviorQuestionsContract {
        @Override
        protected EngineUnderTest underTest() {
            return MEMORY;
        }
    }

    @Nested
    class EventStore extends EventStoreContract {
        @Override
        protected EngineUnderTest underTest() {
            return MEMORY;
        }
    }

    @Nested
    class Erasure extends ErasureContract {
        @Override
        protected EngineUnderTest underTest() {
            return MEMORY;
        }
    }

    @Nested
    class Retention extends RetentionContract {
        @Override
        protected EngineUnderTest underTest() {
            return MEMORY;
        }
    }
}
