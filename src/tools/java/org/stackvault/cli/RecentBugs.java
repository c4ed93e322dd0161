package org.stackvault.cli;

import java.util.function.Supplier;

/**
 * The last few hundred bugs filed, which commits, reviews and emails refer to
 * ("Closes-Bug: #n", a bug link): work follows recent bug reports. Single-threaded.
 */
final class RecentBugs implements Supplier<Long> {
    private final long[] numbers = new long[256];
    private final Chance chance;
    private int filed;

    RecentBugs(Chance chance) {
        this.chance = chance;
    }

    void filed(long number) {
        numbers[filed++ % numbers.length] = number;
    }

    /** One of the recent bugs, or null before any was filed. */
    @Override
    public Long get() {
        if (filed == 0) {
            return null;
        }
        return numbers[chance.below(Math.min(filed, numbers.length))];
    }
}
