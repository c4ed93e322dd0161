package org.stackvault.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON requests to a {@link TestServer}; optionally one serving a {@link TestStore} written
 * to a temporary dump. Closing stops the server and deletes the dump.
 */
public final class ApiClient implements AutoCloseable {
    /** Reads answers, and expectations written with single quotes ({@code {'IBM': 1}}). */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private final TestServer server;
    private final Path dump;

    private ApiClient(TestServer server, Path dump) {
        this.server = server;
        this.dump = dump;
    }

    /** Serves {@code store} from a dump with {@code config} and waits for its first vault. */
    public static ApiClient serve(TestStore store, Map<String, String> config) throws Exception {
        Path dump = store.writeDump(Files.createTempFile("stackvault-test", ".pickle"));
        try {
            Map<String, String> withDump = new java.util.HashMap<>(config);
            withDump.put("dump", dump.toString());
            return new ApiClient(TestServer.startReady(withDump), dump);
        } catch (Exception | Error e) {
            Files.deleteIfExists(dump);
            throw e;
        }
    }

    /** Requests to a started server, which closing stops. */
    public static ApiClient of(TestServer server) {
        return new ApiClient(server, null);
    }

    public TestServer server() {
        return server;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return server.get(path);
    }

    /** The parsed body of a 200 answer. */
    public JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), path + " answered " + response.body());
        return MAPPER.readTree(response.body());
    }

    /** The {@code error} of an answer that must have {@code status}. */
    public JsonNode error(String path, int status) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(status, response.statusCode(), path + " answered " + response.body());
        return MAPPER.readTree(response.body()).get("error");
    }

    /** A JSON literal; single quotes allowed. */
    public static JsonNode json(String literal) {
        try {
            return MAPPER.readTree(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JSON literal: " + literal, e);
        }
    }

    /** {@code {id: item[field]}} of a list of items, in the list's order. */
    public static ObjectNode byId(JsonNode items, String field) {
        ObjectNode out = MAPPER.createObjectNode();
        items.forEach(item -> out.set(item.get("id").asText(), item.get(field)));
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            if (dump != null) {
                Files.deleteIfExists(dump);
            }
        }
    }
}
