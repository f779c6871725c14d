package io.mallard.bootstrap.generator;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks items with given weights in O(log n); {@link #zipf} builds Zipf-distributed weights. */
final class WeightedChoice<T> {
    private final List<T> items;
    private final double[] cumulative;

    WeightedChoice(List<T> items, ToDoubleFunction<T> weight) {
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < items.size(); i++) {
            sum += weight.applyAsDouble(items.get(i));
            cumulative[i] = sum;
        }
    }

    static WeightedChoice<Integer> zipf(int size, double exponent) {
        List<Integer> ranks = java.util.stream.IntStream.range(0, size).boxed().toList();
        return new WeightedChoice<>(ranks, rank -> 1.0 / Math.pow(rank + 1, exponent));
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        return items.get(index >= 0 ? index : Math.min(-index - 1, items.size() - 1));
    }
}
