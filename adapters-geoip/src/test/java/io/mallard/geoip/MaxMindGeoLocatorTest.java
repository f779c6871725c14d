package io.mallard.geoip;

import io.mallard.application.geo.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaxMindGeoLocatorTest {
    static final List<TestCityDatabase.Network> NETWORKS = List.of(
            new TestCityDatabase.Network("81.2.69.0/24", "GB", "England", "London"),
            new TestCityDatabase.Network("89.160.20.128/25", "SE", "Östergötland County", "Linköping"),
            new TestCityDatabase.Network("216.160.83.56/29", "US", null, null),
            new TestCityDatabase.Network("2a02:cf40::/29", "NO", "Oslo County", "Oslo"));

    @TempDir
    Path directory;
    MaxMindGeoLocator locator;

    @BeforeEach
    void open() throws Exception {
        locator = new MaxMindGeoLocator(TestCityDatabase.write(directory.resolve("City.mmdb"), NETWORKS));
    }

    @AfterEach
    void close() throws Exception {
        locator.close();
    }

    Location locate(String address) throws Exception {
        return locator.locate(InetAddress.getByName(address));
    }

    @Test
    void anIpv4AddressLocatesToItsCountryRegionAndCity() throws Exception {
        assertThat(locate("81.2.69.160")).isEqualTo(new Location("GB", "England", "London"));
        assertThat(locate("89.160.20.129")).isEqualTo(new Location("SE", "Östergötland County", "Linköping"));
    }

    @Test
    void anIpv6AddressLocatesToo() throws Exception {
        assertThat(locate("2a02:cf40:1234::1")).isEqualTo(new Location("NO", "Oslo County", "Oslo"));
    }

    @Test
    void aRecordWithoutSubdivisionOrCityGivesTheCountryOnly() throws Exception {
        assertThat(locate("216.160.83.57")).isEqualTo(new Location("US", null, null));
    }

    @Test
    void addressesTheDatabaseDoesNotKnowAreUnknown() throws Exception {
        assertThat(locate("81.2.70.1")).isEqualTo(Location.UNKNOWN);
        assertThat(locate("89.160.20.1")).isEqualTo(Location.UNKNOWN);
        assertThat(locate("127.0.0.1")).isEqualTo(Location.UNKNOWN);
        assertThat(locate("10.1.2.3")).isEqualTo(Location.UNKNOWN);
        assertThat(locate("2001:db8::1")).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void aFileThatIsNotAMaxMindDatabaseIsRefusedWithItsPath() throws Exception {
        Path notADatabase = Files.writeString(directory.resolve("broken.mmdb"), "not a database");

        assertThatThrownBy(() -> new MaxMindGeoLocator(notADatabase))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("broken.mmdb");
    }
}
