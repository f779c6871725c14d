package io.mallard.postgres;

import io.mallard.application.storage.MetadataStore;
import io.mallard.storage.contract.LocalPostgres;
import io.mallard.storage.contract.MetadataStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.sql.SQLException;

/** The metadata contract on a real PostgreSQL (scripts/postgres/start.sh), a fresh database per test. */
class PostgresMetadataStoreContractTest extends MetadataStoreContract {
    static LocalPostgres postgres;
    String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        Assumptions.assumeTrue(LocalPostgres.installed(), "PostgreSQL is installed by .ci/run (apt-get install postgresql)");
        postgres = LocalPostgres.start(Files.createTempDirectory("mallard-postgres-contract"));
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** This test's database, created at its first {@link #open()} (a new instance per test). */
    @Override
    protected MetadataStore open() {
        if (url == null) {
            try {
                url = postgres.freshDatabase();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return PostgresMetadataStore.open(url);
    }
}
