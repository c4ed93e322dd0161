package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.testing.HostileRequests;
import org.stackvault.testing.RunningServer;

/**
 * The hostile-request suite ({@link HostileRequests}) on embedded Jetty; {@code scripts/test}
 * runs the same suite against Tomcat and Jetty as {@code scripts/run} deploys them.
 */
class HostileRequestsTest {
    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "3600"));

    @Test
    void hostileRequests_neverA5xxNorALeak_alwaysTheJsonErrorWithNosniff() {
        List<String> failures = HostileRequests.run(SERVER.server().port()).failures();

        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " wrong answers");
    }
}
