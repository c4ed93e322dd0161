package org.stackvault.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver, both named by path so that
 * Selenium Manager (which would try to download a driver) never runs; one per test class,
 * since starting it costs a second or two. The browser console and the network requests are
 * logged ({@code goog:loggingPrefs}) for the tests to read.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** {@code -Dstackvault.browser=required} (scripts/test): a missing browser fails, never skips. */
    static final String REQUIRED_PROPERTY = "stackvault.browser";

    static final int WIDTH = 1280;
    static final int HEIGHT = 1000;

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts the browser; skips the calling test class when Chromium or its driver is not
     * installed, unless the system property {@value #REQUIRED_PROPERTY} is {@code required}.
     */
    static Chromium start() throws IOException {
        for (Path program : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(program)) {
                String reason = program + " is not installed (Debian packages chromium and chromium-driver)";
                if ("required".equals(System.getProperty(REQUIRED_PROPERTY))) {
                    fail(reason + ", and -D" + REQUIRED_PROPERTY + "=required");
                }
                assumeTrue(false, reason);
            }
        }
        Path profile = Files.createTempDirectory("stackvault-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // root has no sandbox here
                "--disable-gpu",
                "--disable-background-networking", // the network is closed: no calls home
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + "," + HEIGHT);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        // an alert a page opens stays open, so that the tests see it instead of a dismissed one
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Waits until the page is complete: when it loads stackvault.js, until that script says so
     * ({@code <html data-ready="true">}, the front end's contract once every chart and panel is
     * drawn); otherwise until {@code document.readyState} is complete.
     */
    void awaitReady() {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return document.querySelector('script[src*=\"stackvault.js\"]')"
                                + " ? document.documentElement.dataset.ready === 'true'"
                                + " : document.readyState === 'complete';")));
    }

    /** Opens {@code url} with empty logs and waits until the page is ready. */
    void open(String url) {
        drain();
        driver.get(url);
        awaitReady();
    }

    /** Empties both logs (reading a log clears it). */
    void drain() {
        browserLog();
        performanceLog();
    }

    /** The console messages and errors since the last read, CSP violations included. */
    List<LogEntry> browserLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    List<LogEntry> severe() {
        return browserLog().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** DevTools events since the last read, each the JSON text {"message":{"method":…,"params":…}}. */
    List<LogEntry> performanceLog() {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // Chromium may still be writing its profile as it exits; a temp directory left over is harmless
            }
        }
    }
}
