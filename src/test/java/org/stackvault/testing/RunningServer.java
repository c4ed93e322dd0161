package org.stackvault.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer} started before a test class and stopped after it:
 * {@code @RegisterExtension static final RunningServer SERVER = new RunningServer(config)}.
 * Without {@code dump} or {@code memcached} in the configuration it serves the bundled
 * sample data (20,000 generated records).
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> config;
    private TestServer server;

    public RunningServer(Map<String, String> config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = TestServer.startReady(config);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    public TestServer server() {
        return server;
    }
}
