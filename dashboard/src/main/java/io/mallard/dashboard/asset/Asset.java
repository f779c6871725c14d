package io.mallard.dashboard.asset;

import java.util.Objects;

/**
 * One static file the server ships, held in memory: its bytes, its content type and a version
 * derived from its content (so a changed file gets a new URL and caches never serve a stale one).
 */
public record Asset(String name, String contentType, byte[] bytes, String version) {
    public Asset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(version, "version");
    }

    /** The strong validator browsers send back in {@code If-None-Match}. */
    public String etag() {
        return '"' + version + '"';
    }
}
