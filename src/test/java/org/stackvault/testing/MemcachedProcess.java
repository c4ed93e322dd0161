package org.stackvault.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real memcached process on a free loopback port, started and stopped by a test.
 * Fails (not skips) when memcached is not installed: scripts/test installs it, and a
 * missing install step must not turn into a green build.
 */
public final class MemcachedProcess implements AutoCloseable {
    private final int port;
    private final int memoryMegabytes;
    private Process process;

    private MemcachedProcess(int port, int memoryMegabytes) {
        this.port = port;
        this.memoryMegabytes = memoryMegabytes;
    }

    public static MemcachedProcess start() throws IOException {
        return start(64);
    }

    public static MemcachedProcess start(int memoryMegabytes) throws IOException {
        MemcachedProcess m = new MemcachedProcess(freePort(), memoryMegabytes);
        m.launch();
        return m;
    }

    private void launch() throws IOException {
        String binary = binary();
        List<String> command = new ArrayList<>(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "0", "-m", Integer.toString(memoryMegabytes), "-t", "2", "-I", "2m"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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

    /** Starts it again, empty, on the same port. */
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

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
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
