package io.mallard.dashboard.asset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetCatalogTest {
    final AssetCatalog catalog = new AssetCatalog();

    @Test
    void everyShippedFileIsLoadedWithItsTypeAndAContentVersion() {
        AssetCatalog.FILES.forEach((name, type) -> {
            Asset asset = catalog.find(name).orElseThrow();
            assertThat(asset.bytes()).isNotEmpty();
            assertThat(asset.contentType()).isEqualTo(type);
            assertThat(asset.version()).matches("[0-9a-f]{12}");
            assertThat(asset.etag()).isEqualTo('"' + asset.version() + '"');
        });
    }

    @Test
    void trackerUrlsStayAtTheRootAndOtherFilesUnderAssets() {
        assertThat(catalog.url("mallard.js")).matches("/mallard\\.js\\?v=[0-9a-f]{12}");
        assertThat(catalog.url("dashboard.css")).matches("/assets/dashboard\\.css\\?v=[0-9a-f]{12}");
        assertThat(catalog.find("../pom.xml")).isEmpty();
        assertThatThrownBy(() -> catalog.url("nope.js")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoFilesWithDifferentContentGetDifferentVersions() {
        assertThat(catalog.find("mallard.js").orElseThrow().version()).isNotEqualTo(catalog.find("mallard.full.js").orElseThrow().version());
    }
}
