package org.stackvault.api.original;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * One scenario of the original's API tests ({@code with make_runtime_storage(data, ...)}):
 * the scenario's storage written to a dump, served by Stackvault in embedded Jetty with
 * the original's configuration defaults (metric 'marks', project type 'openstack', release
 * the first not yet ended, else the last). Closing stops the server and deletes the dump.
 */
final class ScenarioServer implements AutoCloseable {
    /** Reads expected values written like the Python tests' literals: single quotes allowed. */
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private final TestServer server;
    private final Path dump;

    private ScenarioServer(TestServer server, Path dump) {
        this.server = server;
        this.dump = dump;
    }

    /** An empty storage for a scenario to fill. */
    static TestStore storage() {
        return new TestStore(DumpStorage.empty("original api scenario"));
    }

    /** Serves {@code store} and waits until its vault is published. */
    static ScenarioServer serve(TestStore store) throws Exception {
        Path dump = store.writeDump(Files.createTempFile("original-api", ".pickle"));
        try {
            return new ScenarioServer(
                    TestServer.startReady(Map.of(
                            "dump", dump.toString(),
                            "refresh-interval", "3600",
                            "default-release", "",
                            "default-metric", "marks",
                            "default-project-type", "openstack")),
                    dump);
        } catch (Exception | Error e) {
            Files.deleteIfExists(dump);
            throw e;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return server.get(path);
    }

    /** The JSON body of a 200 answer ({@code load_json(self.app.get(path))}). */
    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), path + " answered " + response.body());
        return MAPPER.readTree(response.body());
    }

    /** A Python dict literal: keys and values alternating, kept in order (null values allowed). */
    static Map<String, Object> dict(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Parses a JSON literal; single-quoted strings as in the Python tests. */
    static JsonNode json(String literal) {
        try {
            return MAPPER.readTree(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JSON literal: " + literal, e);
        }
    }

    /** Python's {@code assertIn(element, array)} for a JSON array. */
    static void assertIn(JsonNode element, JsonNode array) {
        for (JsonNode item : array) {
            if (item.equals(element)) {
                return;
            }
        }
        throw new AssertionError(element + " not found in " + array);
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
