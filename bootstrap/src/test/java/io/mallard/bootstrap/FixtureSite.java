package io.mallard.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mallard.dashboard.asset.AssetCatalog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A customer's web site for the browser tests, on loopback: it serves the pages it is given (any
 * path under a registered prefix gets that page, so a single-page app can change routes), answers
 * unknown paths with a 404 page, serves the built tracker files, and records every request made to
 * its {@code /api/event} so a test can read what the tracker sent.
 */
final class FixtureSite implements AutoCloseable {
    record Hit(String method, String contentType, String origin, String body) {
    }

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final AssetCatalog assets = new AssetCatalog();
    private volatile String notFoundPage = "<!doctype html><title>404</title><h1>Not found</h1>";

    FixtureSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The page's URL on a host under {@code .test} (the browser resolves those to loopback). */
    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    FixtureSite page(String pathPrefix, String html) {
        pages.put(pathPrefix, html);
        return this;
    }

    FixtureSite notFoundPage(String html) {
        notFoundPage = html;
        return this;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    void clearHits() {
        hits.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/event")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                hits.add(new Hit(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Origin"), body));
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            var asset = assets.find(path.substring(1)).filter(a -> a.name().startsWith("mallard."));
            if (asset.isPresent()) {
                respond(exchange, 200, asset.get().contentType(), asset.get().bytes());
                return;
            }
            String page = pages.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length()))).map(Map.Entry::getValue).orElse(null);
            respond(exchange, page == null ? 404 : 200, "text/html; charset=utf-8",
                    (page == null ? notFoundPage : page).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
