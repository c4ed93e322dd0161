package org.stackvault.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.stackvault.source.MemcachedStorage;

/**
 * One real memcached for a whole test class ({@code @RegisterExtension static}), emptied
 * ({@code flush_all}) before each test, with a client writing to it as the processor does.
 */
public final class SharedMemcached implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final int memoryMegabytes;
    private final int maxItemMegabytes;
    private MemcachedProcess process;
    private MemcachedStorage storage;

    public SharedMemcached(int memoryMegabytes, int maxItemMegabytes) {
        this.memoryMegabytes = memoryMegabytes;
        this.maxItemMegabytes = maxItemMegabytes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        process = MemcachedProcess.start(memoryMegabytes, maxItemMegabytes);
        storage = Faults.connect(process.address());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        process.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        storage.close();
        process.close();
    }

    public MemcachedProcess process() {
        return process;
    }

    public MemcachedStorage storage() {
        return storage;
    }
}
