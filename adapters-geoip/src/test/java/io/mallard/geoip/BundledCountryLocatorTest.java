package io.mallard.geoip;

import io.mallard.application.geo.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The country database in the jar: public addresses of both families get their country, others stay unknown. */
class BundledCountryLocatorTest {
    static BundledCountryLocator locator;

    @BeforeAll
    static void load() {
        locator = new BundledCountryLocator();
    }

    static Location at(String address) throws Exception {
        return locator.locate(InetAddress.getByName(address));
    }

    @Test
    void publicAddressesLocateToTheirCountryOnly() throws Exception {
        // Address blocks long held by national operators: Deutsche Telekom, NTT, Orange.
        assertThat(at("80.128.0.1")).isEqualTo(new Location("DE", null, null));
        assertThat(at("2003::1")).isEqualTo(new Location("DE", null, null));
        assertThat(at("153.128.0.1").countryCode()).isEqualTo("JP");
        assertThat(at("90.0.0.1").countryCode()).isEqualTo("FR");
        assertThat(locator.isLoaded()).isTrue();
    }

    @Test
    void privateAndLoopbackAddressesAreUnknown() throws Exception {
        for (String address : new String[]{"127.0.0.1", "10.1.2.3", "192.168.0.1", "::1", "fd00::1"}) {
            assertThat(at(address)).as(address).isEqualTo(Location.UNKNOWN);
        }
    }
}
