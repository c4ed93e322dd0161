package org.stackvault.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real memcached process on a free loopback port, started and stopped by a test.
 * Fails (not skips) when memcached is not installed: scripts/test installs it, and a
 * missing install step must not turn into a green build.
 */
public final class MemcachedProcess implements AutoCloseable {
    private final int port;
    private final int memoryMegabytes;
    private final int maxItemMegabytes;
    private Process process;

    private MemcachedProcess(int port, int memoryMegabytes, int maxItemMegabytes) {
        this.port = port;
        this.memoryMegabytes = memoryMegabytes;
        this.maxItemMegabytes = maxItemMegabytes;
    }

    public static MemcachedProcess start() throws IOException {
        return start(64);
    }

    /** With {@code -m memoryMegabytes}: a small one evicts. */
    public static MemcachedProcess start(int memoryMegabytes) throws IOException {
        return start(memoryMegabytes, 2);
    }

    /** With {@code -I maxItemMegabytes}m: values up to that size are stored (memcached wants -m at least twice it). */
    public static MemcachedProcess start(int memoryMegabytes, int maxItemMegabytes) throws IOException {
        MemcachedProcess m = new MemcachedProcess(freePort(), memoryMegabytes, maxItemMegabytes);
        m.launch();
        return m;
    }

    /** A free port for a memcached that is not running yet; {@link #restart()} starts it there. */
    public static MemcachedProcess notStarted() throws IOException {
        return new MemcachedProcess(freePort(), 64, 2);
    }

    private void launch() throws IOException {
        String binary = binary();
        List<String> command = new ArrayList<>(List.of(
                binary,
                "-l",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "0",
                "-m",
                Integer.toString(memoryMegabytes),
                "-t",
                "2",
                "-I",
                maxItemMegabytes + "m"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("memcached exited with " + process.exitValue());
                }
                sleep(20);
            }
        }
        throw new IOException("memcached did not listen on port " + port + " within 10 s");
    }

    private static String binary() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            File f = new File(dir, "memcached");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        throw new IllegalStateException("memcached is not installed; run scripts/test, which installs it");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Kills the process (its data is lost). */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts it (again), empty, on the same port. */
    public void restart() throws IOException {
        kill();
        launch();
    }

    /** Freezes the process (SIGSTOP): connections stay open, nothing answers. */
    public void stall() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** {@code flush_all}: every item is gone, as after a restart, but the connections stay. */
    public void flushAll() throws IOException {
        String reply = command("flush_all").get(0);
        if (!"OK".equals(reply)) {
            throw new IOException("flush_all answered " + reply);
        }
    }

    /** The general-purpose counters of {@code stats} ({@code cmd_get}, {@code evictions}, ...). */
    public Map<String, Long> stats() throws IOException {
        Map<String, Long> stats = new HashMap<>();
        for (String line : command("stats")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("STAT") && parts[2].matches("\\d+")) {
                stats.put(parts[1], Long.parseLong(parts[2]));
            }
        }
        return stats;
    }

    /** Sends one text-protocol command on a fresh connection; the reply lines up to OK/END/ERROR. */
    private List<String> command(String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (line.equals("OK") || line.equals("END") || line.endsWith("ERROR")) {
                    break;
                }
            }
            return lines;
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
