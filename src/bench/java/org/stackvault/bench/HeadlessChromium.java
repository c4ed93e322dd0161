package org.stackvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through its chromedriver over the W3C WebDriver protocol
 * (plain HTTP and JSON: the benchmark driver has no Selenium), with the flags of the browser
 * suite (ui-spec §7) and a fresh profile. One session; {@link #close()} ends it and the
 * driver process.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;
    private final HttpClient http = BenchDriver.http();

    private HeadlessChromium(Process driver, String base, String session, Path profile) {
        this.driver = driver;
        this.base = base;
        this.session = session;
        this.profile = profile;
    }

    static HeadlessChromium start(Path chromium, Path chromedriver) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String base = "http://127.0.0.1:" + port;
        Path profile = Files.createTempDirectory("stackvault-bench-chromium");
        try {
            awaitStatus(base, driver);
            Map<String, Object> options = Map.of(
                    "binary",
                    chromium.toString(),
                    "args",
                    List.of(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--no-first-run",
                            "--disable-sync",
                            "--user-data-dir=" + profile,
                            "--window-size=1280,1000"));
            JsonNode created = post(
                    BenchDriver.http(),
                    base + "/session",
                    Map.of(
                            "capabilities",
                            Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
            String session = created.path("value").path("sessionId").asText();
            HeadlessChromium browser = new HeadlessChromium(driver, base, session, profile);
            browser.command("/timeouts", Map.of("script", 60_000, "pageLoad", 60_000));
            return browser;
        } catch (Exception e) {
            driver.destroyForcibly();
            deleteTree(profile);
            throw e;
        }
    }

    private static void awaitStatus(String base, Process driver) throws Exception {
        HttpClient http = BenchDriver.http();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<String> status = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (JSON.readTree(status.body()).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "chromedriver did not start (exit " + (driver.isAlive() ? "none" : driver.exitValue()) + ")");
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode post(HttpClient http, String url, Object body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    url + ": " + answer.path("value").path("message").asText(response.body()));
        }
        return answer;
    }

    private JsonNode command(String path, Object body) throws Exception {
        return post(http, base + "/session/" + session + path, body).path("value");
    }

    void open(String url) throws Exception {
        command("/url", Map.of("url", url));
    }

    /** Runs a script that calls its last argument with the result (WebDriver's async script). */
    JsonNode executeAsync(String script, Object... args) throws Exception {
        return command("/execute/async", Map.of("script", script, "args", List.of(args)));
    }

    /** A Chrome DevTools Protocol command (chromedriver's goog/cdp/execute). */
    JsonNode devtools(String command, Map<String, Object> params) throws Exception {
        return command("/goog/cdp/execute", Map.of("cmd", command, "params", params));
    }

    @Override
    public void close() throws Exception {
        try {
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/session/" + session))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            driver.destroy();
            driver.waitFor();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
