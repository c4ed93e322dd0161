package org.stackvault.query;

import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs one request's loop over a selection on several cores when the selection is large
 * enough for that to pay: each part fills its own accumulator, parts merge in row order.
 * Stateless; uses the common fork-join pool.
 */
final class Parallel {
    /** Rows per part: below this, splitting costs more than it saves. */
    static final int PART = 1 << 16;

    private Parallel() {}

    /**
     * Adds rows {@code rows[from..to)} to an accumulator. Called once per part, so the
     * per-row loop lives in the accumulator's own code, where the JIT specializes it (a
     * per-row callback here would be a megamorphic call on every row).
     */
    @FunctionalInterface
    interface RangeAdder<A> {
        void add(A accumulator, int[] rows, int from, int to);
    }

    static <A> A reduce(Selection selection, Supplier<A> create, RangeAdder<A> add, BinaryOperator<A> merge) {
        int size = selection.size();
        // a few parts per core: enough to balance, few enough that merging stays cheap
        int parts = Math.min((size + PART - 1) / PART, 2 * Runtime.getRuntime().availableProcessors());
        int partSize = (size + Math.max(1, parts) - 1) / Math.max(1, parts);
        int[] rows = selection.rows();
        if (parts <= 1) {
            A accumulator = create.get();
            add.add(accumulator, rows, 0, size);
            return accumulator;
        }
        return IntStream.range(0, parts)
                .parallel()
                .mapToObj(part -> {
                    A accumulator = create.get();
                    add.add(accumulator, rows, part * partSize, Math.min(size, (part + 1) * partSize));
                    return accumulator;
                })
                .reduce(merge)
                .orElseGet(create);
    }
}
