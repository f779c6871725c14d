package io.mallard.clickhouse;

import io.mallard.application.storage.StorageProvider;
import io.mallard.memory.MemoryStorageProvider;
import io.mallard.storage.contract.BehaviorContract;
import io.mallard.storage.contract.BehaviorQuestionsContract;
import io.mallard.storage.contract.DifferentialContract;
import io.mallard.storage.contract.EngineUnderTest;
import io.mallard.storage.contract.ErasureContract;
import io.mallard.storage.contract.EventStoreContract;
import io.mallard.storage.contract.LocalClickHouse;
import io.mallard.storage.contract.RetentionContract;
import io.mallard.storage.contract.StatsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole contract kit against the ClickHouse engine, on one real ClickHouse engine for the
 * class ({@code scripts/clickhouse/start.sh}): each engine the kit opens gets a database of its
 * own, named after its data directory, so a restart on the same directory finds its events again.
 * The differential contract compares every answer with the reference (memory) engine's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseStorageContractEngineTest {
    private static LocalClickHouse clickHouse;
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_DATABASE = new AtomicInteger();

    static final EngineUnderTest CLICKHOUSE = new EngineUnderTest() {
        @Override
        public StorageProvider provider() {
            return new ClickHouseStorageProvider();
        }

        @Override
        public io.mallard.application.storage.StorageEngine open(Path dataDir, Clock clock) {
            String database = DATABASES.computeIfAbsent(dataDir.toAbsolutePath(), dir -> "contract_" + NEXT_DATABASE.incrementAndGet());
            return provider().open(new io.mallard.application.storage.StorageContext(dataDir, clock, VISIT_TIMEOUT,
                    new io.mallard.application.stats.QueryGate(0, java.time.Duration.ZERO), Map::of,
                    Map.of(ClickHouseSettings.URL, clickHouse.url().toString(), ClickHouseSettings.DATABASE, database)));
        }
    };
    static final EngineUnderTest MEMORY = MemoryStorageProvider::new;

    @BeforeAll
    void startClickHouse() throws Exception {
        clickHouse = LocalClickHouse.start(Files.createTempDirectory("clickhouse-contract"));
    }

    @AfterAll
    void stopClickHouse() {
        clickHouse.close();
    }

    @Nested
    class Stats extends StatsContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }
    }

    @Nested
    class Behavior extends BehaviorContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }
    }

    @Nested
    class BehaviorQuestions extends BehaviorQuestionsContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }
    }

    @Nested
    class EventStore extends EventStoreContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }
    }

    @Nested
    class Erasure extends ErasureContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }
    }

    @Nested
    class Retention extends RetentionContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }
    }

    @Nested
    class Differential extends DifferentialContract {
        @Override
        protected EngineUnderTest underTest() {
            return CLICKHOUSE;
        }

        @Override
        protected EngineUnderTest reference() {
            return MEMORY;
        }
    }
}
