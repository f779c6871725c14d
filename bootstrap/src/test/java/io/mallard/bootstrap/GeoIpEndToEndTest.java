package io.mallard.bootstrap;

import io.mallard.domain.event.Event;
import io.mallard.geoip.TestCityDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real MaxMind-format City database, configured as a user would, through the real HTTP server. */
class GeoIpEndToEndTest {
    @TempDir
    Path work;

    TestServer serverWith(String precision) throws Exception {
        Path database = TestCityDatabase.write(work.resolve("City.mmdb"), List.of(
                new TestCityDatabase.Network("81.2.69.0/24", "GB", "England", "London"),
                new TestCityDatabase.Network("2a02:cf40::/29", "NO", "Oslo County", "Oslo")));
        return new TestServer(work.resolve("data"), Map.of("MALLARD_GEOIP_DB", database.toString(),
                "MALLARD_GEOIP_PRECISION", precision, "MALLARD_TRUSTED_PROXIES", "127.0.0.1/32"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "city    | 81.2.69.160       | GB | England     | London",
            "city    | 2a02:cf40:1234::1 | NO | Oslo County | Oslo",
            "region  | 81.2.69.160       | GB | England     | -",
            "country | 81.2.69.160       | GB | -           | -",
            "none    | 81.2.69.160       | -  | -           | -",
            "city    | 192.0.2.1         | -  | -           | -"})
    void theClientAddressLocatesToThePrecisionConfigured(String precision, String client, String country, String region,
                                                         String city) throws Exception {
        try (TestServer server = serverWith(precision)) {
            int status = server.post(IngestContractTest.event("geo.test", "pageview", "https://geo.test/"),
                    "X-Forwarded-For", client).statusCode();

            assertThat(status).isEqualTo(202);
            Event stored = server.events("geo.test").getFirst();
            assertThat(Arrays.asList(stored.countryCode(), stored.region(), stored.city())).containsExactly(country, region, city);
        }
    }

    @Test
    void healthReportsTheDatabaseLoaded() throws Exception {
        try (TestServer server = serverWith("city")) {
            assertThat(server.get("/health/detailed").body()).contains("\"geoip_loaded\":true", "\"behavioral_engine\":\"in-process\"");
        }
    }
}
