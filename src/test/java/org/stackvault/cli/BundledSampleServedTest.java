package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackvault.Stackvault;
import org.stackvault.testing.TestServer;

/**
 * Stackvault started with no source configured, as {@code scripts/run} starts it: it serves
 * the sample data set the build generated and bundled ({@link Stackvault#SAMPLE_RESOURCE}).
 */
class BundledSampleServedTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void noSourceConfigured_servesTheBundledSample_withEveryOneOfItsRecords() throws Exception {
        GeneratedDump sample;
        try (InputStream in = Stackvault.class.getResourceAsStream(Stackvault.SAMPLE_RESOURCE)) {
            assertNotNull(in, "the build bundles " + Stackvault.SAMPLE_RESOURCE);
            sample = GeneratedDump.read(in);
        }
        Long generated = Long.getLong("stackvault.sample.records"); // set by the build (pom.xml) that made the sample
        if (generated != null) {
            assertEquals(generated, (long) sample.records.size(), "the sample holds the records the build generated");
        }
        assertTrue(sample.records.size() >= 1000, "a sample worth serving: " + sample.records.size() + " records");

        try (TestServer server = TestServer.startReady(Map.of("refresh-interval", "3600"))) {
            assertEquals("bundled sample data", server.app().storage().description());
            assertEquals(sample.keptRecords(), server.app().holder().current().recordCount());
            assertEquals(
                    sample.users.values().stream()
                            .map(u -> u.get("seq"))
                            .distinct()
                            .count(),
                    server.app().holder().current().users().size());

            var response = server.get("/api/1.0/stats/companies?release=all&project_type=all");
            assertEquals(200, response.statusCode(), response.body());
            JsonNode stats = MAPPER.readTree(response.body()).get("stats");
            assertTrue(stats.size() > 1, "companies: " + stats);
            long marks = 0;
            for (JsonNode company : stats) {
                marks += company.get("metric").asLong();
            }
            assertTrue(marks > 0, "reviews counted: " + stats);

            var byDefault = server.get("/api/1.0/stats/companies");
            assertEquals(200, byDefault.statusCode(), "the default release and project type: " + byDefault.body());
        }
    }
}
