package io.mallard.dashboard.asset;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files under {@code public/} on the classpath, loaded once at startup: the minified tracker
 * builds, the dashboard's script and style sheet, its icon and world map. Nothing is read from disk per request
 * and nothing is fetched from elsewhere (no CDN).
 */
@Singleton
public class AssetCatalog {
    static final Map<String, String> FILES = Map.of(
            "mallard.js", "text/javascript; charset=utf-8",
            "mallard.full.js", "text/javascript; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml",
            "world.svg", "image/svg+xml");

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public AssetCatalog() {
        FILES.forEach((name, type) -> assets.put(name, load(name, type)));
    }

    public Optional<Asset> find(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    /** The URL a page links to: the file's path with its content version, cacheable for a year. */
    public String url(String name) {
        Asset asset = find(name).orElseThrow(() -> new IllegalArgumentException("no asset " + name));
        String path = name.startsWith("mallard.") ? "/" + name : "/assets/" + name;
        return path + "?v=" + asset.version();
    }

    private static Asset load(String name, String type) {
        try (InputStream in = AssetCatalog.class.getClassLoader().getResourceAsStream("public/" + name)) {
            if (in == null) {
                throw new IllegalStateException("public/" + name + " is missing from the classpath (was the dashboard module built?)");
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(name, type, bytes, version(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
