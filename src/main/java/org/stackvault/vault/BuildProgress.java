package org.stackvault.vault;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a vault build is doing now: phase and records read of total. Written by the one
 * building thread, read by anyone (JMX, logs). Thread-safe.
 */
public final class BuildProgress {
    /** Phases of a build, in order. */
    public enum Phase {
        IDLE,
        READING_CURSOR,
        READING_RECORDS,
        READING_USERS,
        READING_REFERENCE_DATA,
        INDEXING,
        PUBLISHED,
        REFUSED,
        FAILED
    }

    private volatile Phase phase = Phase.IDLE;
    private volatile long total;
    private final AtomicLong read = new AtomicLong();

    void start(Phase phase, long total) {
        this.total = total;
        this.read.set(0);
        this.phase = phase;
    }

    void advance(long n) {
        read.addAndGet(n);
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }

    public long read() {
        return read.get();
    }

    public long total() {
        return total;
    }

    @Override
    public String toString() {
        return phase + " " + read() + "/" + total;
    }
}
