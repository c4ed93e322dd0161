package org.stackvault.testing;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.stackvault.source.DumpStorage;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.source.StorageException;

/** An in-memory storage whose reads can be made to fail or to block, for fault tests. */
public final class SwitchableStorage implements RuntimeStorage {
    private final DumpStorage data = DumpStorage.empty("test storage");
    private volatile boolean failing;
    private volatile CountDownLatch gate;

    public void failReads(boolean failing) {
        this.failing = failing;
    }

    /** Blocks bulk reads until {@link #open()}. */
    public void close(CountDownLatch readersWaiting) {
        this.gate = readersWaiting;
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

    @Override
    public Object get(String key) {
        check();
        return data.get(key);
    }

    @Override
    public Map<String, Object> getMulti(Collection<String> keys, UndecodableHandler onUndecodable) {
        check();
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
    public void close() {
    }
}
