package org.stackvault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code scripts/run} from one checkout, started at the same moment on two ports, run
 * side by side (each in its own container base, {@code target/tomcat-PORT}) under two
 * consumer ids; a third on a port in use stops before touching the running one's base;
 * SIGTERM stops each.
 */
class SideBySideIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path RUN = Path.of("scripts/run").toAbsolutePath();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void twoInstancesFromOneCheckout_runSideBySide(@TempDir Path logs) throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            int[] ports = {freePort(), freePort()};
            for (int port : ports) {
                started.add(run(port, logs.resolve(port + ".log")));
            }
            String[] ids = new String[2];
            for (int i = 0; i < 2; i++) {
                JsonNode health = awaitReady(ports[i], started.get(i), logs.resolve(ports[i] + ".log"));
                ids[i] = health.get("consumer_id").asText();
                assertTrue(Files.isDirectory(Path.of("target/tomcat-" + ports[i] + "/conf")), "own CATALINA_BASE");
            }
            assertNotEquals(ids[0], ids[1]);

            Process third = run(ports[0], logs.resolve("third.log"));
            assertTrue(third.waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, third.exitValue());
            assertTrue(Files.readString(logs.resolve("third.log")).contains("port " + ports[0] + " is in use"));
            assertEquals(200, status(ports[0]), "the running instance is untouched");

            for (int i = 0; i < 2; i++) {
                started.get(i).destroy(); // SIGTERM: scripts/run execs the container's JVM
                assertTrue(started.get(i).waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
                assertTrue(closed(ports[i]));
            }
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
            }
        }
    }

    private static Process run(int port, Path log) throws IOException {
        return new ProcessBuilder(
                        RUN.toString(),
                        "--address",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--refresh-interval",
                        "3600")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private JsonNode awaitReady(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("scripts/run on port " + port + " exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = get(port);
                if (r.statusCode() == 200) {
                    return MAPPER.readTree(r.body());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no health 200 on port " + port + " within 240 s: " + Files.readString(log));
    }

    private HttpResponse<String> get(int port) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/1.0/health"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(int port) throws IOException, InterruptedException {
        return get(port).statusCode();
    }

    private static boolean closed(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
