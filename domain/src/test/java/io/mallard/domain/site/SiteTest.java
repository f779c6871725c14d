package io.mallard.domain.site;

import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteTest {
    private static Site site(String... hosts) {
        return new Site(new SiteId("example.com"), ZoneOffset.UTC,
                java.util.Arrays.stream(hosts).map(HostPattern::new).toList(), Instant.EPOCH);
    }

    @Test
    void a_site_accepts_its_own_host_and_www_in_any_case() {
        Site site = site();
        assertTrue(site.acceptsHost("example.com"));
        assertTrue(site.acceptsHost("WWW.Example.COM"));
        assertFalse(site.acceptsHost("blog.example.com"));
        assertFalse(site.acceptsHost("example.com.evil.net"));
        assertFalse(site.acceptsHost("notexample.com"));
    }

    @Test
    void allowed_hosts_add_exact_hosts_and_subdomain_wildcards() {
        Site site = site("shop.example.org", "*.example.net");
        assertTrue(site.acceptsHost("shop.example.org"));
        assertFalse(site.acceptsHost("example.org"));
        assertTrue(site.acceptsHost("a.b.example.net"));
        assertFalse(site.acceptsHost("example.net"), "a wildcard covers subdomains only");
        assertFalse(site.acceptsHost("badexample.net"));
    }

    @Test
    void host_patterns_are_normalised_and_refuse_schemes_ports_and_paths() {
        assertEquals("shop.example.org", new HostPattern("  Shop.Example.ORG ").value());
        for (String bad : List.of("https://example.org", "example.org:8080", "example.org/path", "*", "*.", "a..b", "-a.com",
                "exa mple.com", "", "*.*.example.com", "x".repeat(254))) {
            assertThrows(IllegalArgumentException.class, () -> new HostPattern(bad), bad);
        }
    }

    @Test
    void a_site_allows_at_most_a_hundred_extra_hosts() {
        String[] hosts = new String[Site.MAX_ALLOWED_HOSTS + 1];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = "h" + i + ".example.org";
        }
        assertThrows(IllegalArgumentException.class, () -> site(hosts));
    }
}
