package org.stackvault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestServer;

/**
 * conf/nginx-stackvault.conf in a real nginx (skipped where none is installed) in front of
 * one instance that serves and one that does not: every request is answered 200, whether
 * the other refuses connections (stopped) or answers 503 (starting: no vault yet).
 */
class NginxBalancerTest {
    private static final Path CONF = Path.of("conf/nginx-stackvault.conf");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void otherInstanceStopped_everyRequestAnsweredByTheOneServing(@TempDir Path dir) throws Exception {
        try (TestServer serving = TestServer.startReady(Map.of("refresh-interval", "3600"))) {
            int stopped = freePort();
            List<String> log = throughNginx(dir, serving.port(), stopped);
            assertTrue(log.stream().anyMatch(line -> line.contains("127.0.0.1:" + stopped)), String.join("\n", log));
        }
    }

    @Test
    void otherInstanceStarting_its503sAreRetriedOnTheOneServing(@TempDir Path dir) throws Exception {
        try (MemcachedProcess none = MemcachedProcess.notStarted();
                TestServer serving = TestServer.startReady(Map.of("refresh-interval", "3600"));
                TestServer starting = TestServer.start(Map.of(
                        "memcached", none.address(), "refresh-interval", "3600", "memcached-timeout-ms", "200"))) {
            assertEquals(503, starting.get("/api/1.0/stats/companies").statusCode());
            List<String> log = throughNginx(dir, serving.port(), starting.port());
            assertTrue(
                    log.stream().anyMatch(line -> line.contains("\"503, 200\"")),
                    "a 503 retried: " + String.join("\n", log));
        }
    }

    /** 20 GETs through nginx with the configuration; each must answer 200. Returns nginx's log. */
    private List<String> throughNginx(Path dir, int first, int second) throws Exception {
        Path nginx = Stream.of("/usr/sbin/nginx", "/usr/bin/nginx")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(nginx != null, "nginx is not installed");
        int port = freePort();
        String conf = Files.readString(CONF)
                .replace("127.0.0.1:8081 ", "127.0.0.1:" + first + " ")
                .replace("127.0.0.1:8082 ", "127.0.0.1:" + second + " ")
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
        assertTrue(conf.contains("127.0.0.1:" + second + " ") && conf.contains(":" + port + ";"), conf);
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("stackvault.conf"), conf);
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                  log_format upstreams '$status "$upstream_addr" "$upstream_status"';
                  access_log %1$s/logs/access.log upstreams;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  include %1$s/stackvault.conf;
                }
                """.formatted(dir));
        Process process = new ProcessBuilder(
                        nginx.toString(),
                        "-p",
                        dir + "/",
                        "-e",
                        dir.resolve("logs/error.log").toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        try {
            awaitListening(port, process, dir);
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/api/1.0/stats/companies?release=all&i=" + i))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        return Files.readAllLines(dir.resolve("logs/access.log"));
    }

    private static void awaitListening(int port, Process process, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("logs/stdout.log"))
                        + Files.readString(dir.resolve("logs/error.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx does not listen on " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
