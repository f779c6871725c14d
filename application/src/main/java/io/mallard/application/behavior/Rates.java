package io.mallard.application.behavior;

/** Rates as the behavioral answers give them: 0–1, and 0 (not NaN) when nobody was there to convert. */
final class Rates {
    private Rates() {
    }

    static double of(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
