package io.mallard.duckdb.planted;

import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.http.error.ErrorBody;

/** Deliberate violations (test-only): an adapter using another adapter and the composition root. */
public class PlantedAdapterViolation {
    public String describe(ErrorBody error, MallardConfig config) {
        return error.error() + config.host();
    }
}
