package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RefreshSchedulerTest {
    @Test
    void afterASuccessfulRefresh_waitsTheInterval() {
        assertEquals(300_000, RefreshScheduler.delayMillis(0, 300_000));
    }

    @Test
    void retries_backOffFromOneSecond_doubling_cappedAtTheInterval() {
        long[] delays = new long[12];
        for (int retries = 1; retries <= delays.length; retries++) {
            delays[retries - 1] = RefreshScheduler.delayMillis(retries, 300_000);
        }
        assertEquals(
                java.util.Arrays.toString(new long[] {
                    1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000
                }),
                java.util.Arrays.toString(delays));
    }

    @Test
    void manyRetries_neverOverflowPastTheInterval() {
        assertEquals(300_000, RefreshScheduler.delayMillis(Integer.MAX_VALUE, 300_000));
        assertEquals(1000, RefreshScheduler.delayMillis(1, 1000));
    }
}
