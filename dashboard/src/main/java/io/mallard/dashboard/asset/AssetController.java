package io.mallard.dashboard.asset;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

/**
 * Serves the tracker at {@code /mallard.js} (and {@code /mallard.full.js}) and the dashboard's files
 * at {@code /assets/…}. Caching: a URL carrying the file's current version ({@code ?v=}) is immutable
 * for a year; the bare tracker URL, which sites embed, is fresh for a day and then revalidated with
 * its ETag, so a new release reaches every site within a day.
 */
@Controller
@AccessRule(Access.PUBLIC)
class AssetController {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String TRACKER = "public, max-age=86400, stale-while-revalidate=604800";
    static final String REVALIDATE = "public, no-cache";

    private final AssetCatalog catalog;

    AssetController(AssetCatalog catalog) {
        this.catalog = catalog;
    }

    @Get("/mallard.js")
    HttpResponse<?> tracker(@Nullable @QueryValue("v") String version, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String etag) {
        return serve("mallard.js", version, etag, TRACKER);
    }

    @Get("/mallard.full.js")
    HttpResponse<?> fullTracker(@Nullable @QueryValue("v") String version, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String etag) {
        return serve("mallard.full.js", version, etag, TRACKER);
    }

    @Get("/assets/{name}")
    HttpResponse<?> asset(@PathVariable String name, @Nullable @QueryValue("v") String version,
                          @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String etag) {
        if (name.startsWith("mallard.")) {
            return HttpResponse.notFound();
        }
        return serve(name, version, etag, REVALIDATE);
    }

    private HttpResponse<?> serve(String name, @Nullable String version, @Nullable String etag, String unversioned) {
        return catalog.find(name).<HttpResponse<?>>map(asset -> {
            String cache = asset.version().equals(version) ? IMMUTABLE : unversioned;
            MutableHttpResponse<?> response = asset.etag().equals(etag) ? HttpResponse.notModified() : HttpResponse.ok(asset.bytes())
                    .contentType(asset.contentType());
            return response.header(HttpHeaders.ETAG, asset.etag()).header(HttpHeaders.CACHE_CONTROL, cache);
        }).orElseGet(HttpResponse::notFound);
    }
}
