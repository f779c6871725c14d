package io.mallard.domain.network;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    static InetAddress ip(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    final TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1");

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertThat(proxies.clientAddress(ip("198.51.100.9"), "203.0.113.1", "203.0.113.2")).isEqualTo(ip("198.51.100.9"));
    }

    @Test
    void aTrustedPeerNamesTheRightmostUntrustedHop() {
        assertThat(proxies.clientAddress(ip("127.0.0.1"), "6.6.6.6, 203.0.113.7, 10.1.2.3", null)).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void withoutForwardedForATrustedPeerMayUseXRealIp() {
        assertThat(proxies.clientAddress(ip("::1"), null, "2001:db8::5")).isEqualTo(ip("2001:db8::5"));
    }

    @Test
    void garbageOrHostNamesInHeadersFallBackToThePeerWithoutDnsLookups() {
        assertThat(proxies.clientAddress(ip("127.0.0.1"), "evil.example.com", null)).isEqualTo(ip("127.0.0.1"));
        assertThat(proxies.clientAddress(ip("127.0.0.1"), null, "1.2.3.4.5")).isEqualTo(ip("127.0.0.1"));
        assertThat(IpLiteral.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("999.1.1.1")).isEmpty();
    }

    @Test
    void cidrMatchingHonoursPartialPrefixes() {
        Cidr network = Cidr.parse("192.168.16.0/20");

        assertThat(network.contains(ip("192.168.31.255"))).isTrue();
        assertThat(network.contains(ip("192.168.32.0"))).isFalse();
        assertThat(network.contains(ip("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
    }

    @Test
    void badNetworksAreRefused() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("proxy.local")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
