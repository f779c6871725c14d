package io.mallard.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SQL statements kept as {@code .sql} resources next to this class, loaded once. */
public final class Sql {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Sql() {
    }

    public static String named(String name) {
        return CACHE.computeIfAbsent("sql/" + name + ".sql", Sql::read);
    }

    static String resource(String path) {
        return read(path);
    }

    private static String read(String path) {
        try (InputStream in = Sql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
