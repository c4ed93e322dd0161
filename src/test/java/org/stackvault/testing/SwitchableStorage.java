package org.stackvault.testing;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.stackvault.source.DumpStorage;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.source.StorageException;

/** An in-memory storage whose reads can be made to fail or to block, for fault tests. */
public final class SwitchableStorage implements RuntimeStorage {
    private final DumpStorage data = DumpStorage.empty("test storage");
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private volatile CountDownLatch gate;

    public void failReads(boolean failing) {
        this.failing = failing;
    }

    /** Blocks bulk reads until {@link #open()}. */
    public void close(CountDownLatch readersWaiting) {
        this.gate = readersWaiting;
    }

    /** Blocks bulk reads that include {@code key} until the returned latch is counted down (at most 30 s). */
    public CountDownLatch holdReadsOf(String key) {
        CountDownLatch release = new CountDownLatch(1);
        held.put(key, release);
        return release;
    }

    public void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    private void check() {
        if (failing) {
            throw new StorageException("simulated storage failure");
        }
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted");
            }
        }
    }

    private static void await(CountDownLatch release, String key) {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new StorageException("the held read of " + key + " was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted");
        }
    }

    @Override
    public Object get(String key) {
        check();
        return data.get(key);
    }

    @Override
    public Map<String, Object> getMulti(Collection<String> keys, UndecodableHandler onUndecodable) {
        check();
        for (String key : keys) {
            CountDownLatch release = held.get(key);
            if (release != null) {
                await(release, key);
            }
        }
        return data.getMulti(keys, onUndecodable);
    }

    @Override
    public void set(String key, Object value) {
        data.set(key, value);
    }

    @Override
    public void delete(String key) {
        data.delete(key);
    }

    @Override
    public String description() {
        return data.description();
    }

    @Override
    public void close() {}
}
