package org.stackvault.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks items at random in proportion to their weights (binary search over cumulative weights). Immutable. */
final class WeightedPicker<T> {
    private final List<T> items;
    private final double[] cumulative;

    WeightedPicker(List<T> items, ToDoubleFunction<T> weight) {
        this.items = new ArrayList<>(items);
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < items.size(); i++) {
            sum += Math.max(0, weight.applyAsDouble(items.get(i)));
            cumulative[i] = sum;
        }
    }

    boolean isEmpty() {
        return items.isEmpty() || cumulative[cumulative.length - 1] <= 0;
    }

    List<T> items() {
        return items;
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return items.get(lo);
    }
}
