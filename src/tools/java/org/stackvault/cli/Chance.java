package org.stackvault.cli;

import java.util.SplittableRandom;

/**
 * The random draws the record generator makes, all from one seeded stream.
 *
 * <p>Uses {@code StrictMath} throughout: {@code Math}'s intrinsics may differ by an ulp
 * between JVMs and CPUs, and the same seed must give the same file everywhere.
 * Single-threaded.
 */
final class Chance {
    final SplittableRandom random;

    Chance(SplittableRandom random) {
        this.random = random;
    }

    /** True with probability {@code percent} / 100. */
    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean coin() {
        return random.nextBoolean();
    }

    double unit() {
        return random.nextDouble();
    }

    /** One of several values with integer weights, given as value, weight, value, weight... */
    int weighted(int... valueWeightPairs) {
        int total = 0;
        for (int i = 1; i < valueWeightPairs.length; i += 2) {
            total += valueWeightPairs[i];
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < valueWeightPairs.length; i += 2) {
            roll -= valueWeightPairs[i + 1];
            if (roll < 0) {
                return valueWeightPairs[i];
            }
        }
        return valueWeightPairs[valueWeightPairs.length - 2];
    }

    /** A standard normal draw (Box-Muller). */
    double gaussian() {
        double u = 1 - random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
    }

    double exponential(double mean) {
        return -mean * StrictMath.log(1 - random.nextDouble());
    }

    int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    String pick(String[] words) {
        return Texts.pick(random, words);
    }

    String hex(int digits) {
        return Texts.hex(random, digits);
    }
}
