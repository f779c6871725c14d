package io.mallard.postgres;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.storage.contract.LocalPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening the PostgreSQL store: migrations once however many nodes start together, and clear failures. */
class PostgresMetadataStoreTest {
    @Test
    void nodesStartingTogetherMigrateOnce() throws Exception {
        Assumptions.assumeTrue(LocalPostgres.installed(), "PostgreSQL is installed by .ci/run (apt-get install postgresql)");
        try (LocalPostgres postgres = LocalPostgres.start(Files.createTempDirectory("mallard-postgres-migrate"))) {
            String url = postgres.freshDatabase();
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            try {
                List<Future<PostgresMetadataStore>> opened = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    opened.add(nodes.submit((Callable<PostgresMetadataStore>) () -> PostgresMetadataStore.open(url)));
                }
                for (Future<PostgresMetadataStore> store : opened) {
                    store.get().close();
                }
            } finally {
                nodes.shutdown();
            }
            try (var connection = DriverManager.getConnection(url);
                 ResultSet rows = connection.createStatement().executeQuery("SELECT version FROM schema_migrations ORDER BY version")) {
                List<Integer> versions = new ArrayList<>();
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
                assertThat(versions).containsExactly(1);
            }
        }
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsCredentials() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/mallard?user=mallard&password=s3cret";

        assertThatThrownBy(() -> PostgresMetadataStore.open(url))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void credentialsAreMaskedInUrls() {
        assertThat(PostgresUrls.withoutCredentials("jdbc:postgresql://bob:pw@db:5432/m?user=bob&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/m?user=***&password=***&ssl=true");
    }
}
