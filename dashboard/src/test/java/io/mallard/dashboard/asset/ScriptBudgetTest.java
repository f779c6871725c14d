package io.mallard.dashboard.asset;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size budget of what browsers download, measured on the minified files the build produced:
 * the default tracker must stay within 1 KB gzipped (it loads on every page of every tracked site),
 * the dashboard's script and styles within 20 KB, the world map's outlines within 32 KB (fetched
 * only when the map is shown). The sizes are printed so the build log records them.
 */
class ScriptBudgetTest {
    static final int TRACKER_BUDGET = 1024;
    static final int DASHBOARD_BUDGET = 20 * 1024;
    static final int MAP_BUDGET = 32 * 1024;

    final AssetCatalog catalog = new AssetCatalog();

    @Test
    void theDefaultTrackerIsAtMostOneKilobyteGzipped() throws IOException {
        int size = gzippedSize("mallard.js");
        System.out.printf("mallard.js: %d bytes minified, %d bytes gzipped (budget %d)%n", bytes("mallard.js"), size, TRACKER_BUDGET);
        System.out.printf("mallard.full.js: %d bytes minified, %d bytes gzipped%n", bytes("mallard.full.js"), gzippedSize("mallard.full.js"));
        assertThat(size).isLessThanOrEqualTo(TRACKER_BUDGET);
    }

    @Test
    void theDashboardScriptAndStylesStayWithinTheirBudget() throws IOException {
        int total = gzippedSize("dashboard.js") + gzippedSize("dashboard.css");
        System.out.printf("dashboard.js + dashboard.css: %d + %d bytes gzipped%n", gzippedSize("dashboard.js"), gzippedSize("dashboard.css"));
        assertThat(total).isLessThanOrEqualTo(DASHBOARD_BUDGET);
    }

    @Test
    void theWorldMapStaysWithinItsBudget() throws IOException {
        int size = gzippedSize("world.svg");
        System.out.printf("world.svg: %d bytes, %d bytes gzipped (budget %d)%n", bytes("world.svg"), size, MAP_BUDGET);
        assertThat(size).isLessThanOrEqualTo(MAP_BUDGET);
    }

    @Test
    void theMinifiedTrackerKeepsItsPublicApiAndPayloadFieldNames() {
        String tracker = new String(catalog.find("mallard.js").orElseThrow().bytes());
        assertThat(tracker).contains(".mallard=", "sendBeacon", "keepalive", "\"data-\"", "pushState", "engagement")
                .doesNotContain("data-outbound", "\"404\"");
        String full = new String(catalog.find("mallard.full.js").orElseThrow().bytes());
        assertThat(full).contains("Outbound Link: Click", "File Download", "\"404\"", "data-mallard-event");
    }

    private int bytes(String name) {
        return catalog.find(name).orElseThrow().bytes().length;
    }

    private int gzippedSize(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(catalog.find(name).orElseThrow().bytes());
        }
        return out.size();
    }
}
