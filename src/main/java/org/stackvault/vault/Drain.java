package org.stackvault.vault;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether this instance is draining (about to stop: its health check answers 503 so a
 * balancer sends it nothing new) and how many requests it is serving. Thread-safe: request
 * threads call {@link #enter()}/{@link #exit()}, any thread {@link #start()} and
 * {@link #awaitIdle(long)}.
 */
public final class Drain {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    /** A request begins; pair with {@link #exit()} in a {@code finally}. */
    public void enter() {
        inFlight.incrementAndGet();
    }

    public void exit() {
        inFlight.decrementAndGet();
    }

    /** From now on the health check answers {@code draining}; requests are still served. */
    public void start() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Waits until no request is in flight, at most {@code timeoutMillis}.
     *
     * @return the requests still in flight (0 when all ended)
     */
    public int awaitIdle(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return inFlight.get();
    }
}
