package org.stackvault.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.rmi.server.RemoteObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JMX as tomcat/setenv.sh sets it up, in real processes: setenv.sh sourced by bash
 * (as scripts/run does), then a plain JVM ({@link IdleJvm}) started with the options it
 * produced; its listening sockets read from /proc, connections made from this JVM.
 */
@Timeout(60)
class RemoteJmxTest {
    private static final Path SETENV = Path.of("tomcat/setenv.sh").toAbsolutePath();
    private static final Set<PosixFilePermission> NOT_OWNER = Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path home;

    @BeforeAll
    static void linux() {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "reads the listening sockets from /proc (Linux)");
    }

    @Test
    void withoutJmxPort_noJmxOptions_andTheJvmListensOnNoPort() throws Exception {
        Setenv setenv = source(null);
        assertTrue(
                setenv.options().stream().noneMatch(o -> o.contains("jmxremote")),
                setenv.options().toString());
        assertFalse(Files.exists(home.resolve("target/jmx")), "no credentials written");
        try (Child jvm = Child.start(setenv.options())) {
            assertEquals(Set.of(), jvm.listeningSockets());
        }
    }

    @Test
    void withJmxPort_listensOnLoopbackOnly_refusesConnectionsWithoutThePassword() throws Exception {
        int port = freePort();
        Setenv setenv = source(port);
        Path jmx = home.resolve("target/jmx");
        String password = Files.readString(jmx.resolve("password"), StandardCharsets.UTF_8)
                .trim();
        assertTrue(password.matches("[0-9a-f]{32}"), "a random 128-bit password");
        assertFalse(setenv.stderr().contains(password), "the password stays out of the console, i.e. Tomcat's log");
        assertTrue(setenv.stderr().contains(jmx.resolve("password").toString()), setenv.stderr());
        assertOwnerOnly(jmx);

        try (Child jvm = Child.start(setenv.options())) {
            // the configured port: one socket, registry and RMI server together, on loopback only
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            Set<InetSocketAddress> others = jvm.listeningSockets();
            assertTrue(others.remove(loopback), "not listening on " + loopback + ": " + others);
            // and the JDK's local connector, which its management agent always adds (on every
            // address, a random port; local clients only): no registry there, so a client needs
            // its stub, which only the JVM's owner can read (hsperfdata, attach API)
            int local = jvm.localConnectorPort();
            assertEquals(Set.of(local), ports(others), "no other listening socket");
            assertThrows(
                    java.rmi.RemoteException.class,
                    () -> java.rmi.registry.LocateRegistry.getRegistry("127.0.0.1", local)
                            .list());
            for (InetAddress address : otherAddresses()) {
                assertThrows(
                        ConnectException.class,
                        () -> {
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress(address, port), 2000);
                            }
                        },
                        "port " + port + " must not answer on " + address);
            }

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            assertThrows(
                    SecurityException.class,
                    () -> JMXConnectorFactory.connect(url).close(),
                    "no credentials");
            assertThrows(
                    SecurityException.class,
                    () -> connect(url, "stackvault", password + "0").close(),
                    "a wrong password");
            try (JMXConnector connector = connect(url, "stackvault", password)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(
                        server, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
                assertEquals(jvm.pid(), runtime.getPid());
                MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                        server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
                assertTrue(memory.getHeapMemoryUsage().getUsed() > 0);
                memory.gc(); // an operation: the user may invoke them (refresh, reload), not only read
            }
            assertFalse(
                    Files.readString(jmx.resolve("jmxremote.password")).contains(password),
                    "after a login the JVM keeps only a salted hash in its password file");
        }
        assertOwnerOnly(jmx);

        Setenv again = source(port);
        assertEquals(
                password,
                Files.readString(jmx.resolve("password"), StandardCharsets.UTF_8)
                        .trim(),
                "the password is made once");
        assertFalse(again.stderr().contains("new random password"), again.stderr());
    }

    private static void assertOwnerOnly(Path jmx) throws IOException {
        List<Path> paths = new ArrayList<>();
        paths.add(jmx);
        try (Stream<Path> files = Files.list(jmx)) {
            files.forEach(paths::add);
        }
        assertEquals(4, paths.size(), paths.toString());
        for (Path p : paths) {
            Set<PosixFilePermission> others = new HashSet<>(Files.getPosixFilePermissions(p));
            others.retainAll(NOT_OWNER);
            assertEquals(Set.of(), others, p + " must be accessible to its owner only");
        }
    }

    private static Set<Integer> ports(Set<InetSocketAddress> sockets) {
        Set<Integer> ports = new HashSet<>();
        for (InetSocketAddress s : sockets) {
            ports.add(s.getPort());
        }
        return ports;
    }

    private static JMXConnector connect(JMXServiceURL url, String user, String password) throws IOException {
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    // --- setenv.sh ---------------------------------------------------------------------------

    /** The JVM options setenv.sh produced (one word each, after the shell's eval) and what it printed. */
    record Setenv(List<String> options, String stderr) {}

    private Setenv source(Integer jmxPort) throws Exception {
        ProcessBuilder bash = new ProcessBuilder(
                "bash",
                "-c",
                "set -eu; . \"$1\"; eval \"opts=($STACKVAULT_JAVA_OPTS)\"; printf '%s\\0' \"${opts[@]}\"",
                "setenv",
                SETENV.toString());
        Map<String, String> env = bash.environment();
        env.keySet().removeIf(k -> k.startsWith("STACKVAULT_") || k.startsWith("CATALINA_"));
        env.put("STACKVAULT_HOME", home.toString());
        env.put("STACKVAULT_HEAP", "32m");
        if (jmxPort != null) {
            env.put("STACKVAULT_JMX_PORT", jmxPort.toString());
        }
        Process p = bash.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "setenv.sh did not finish");
        String stderr = new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        List<String> options = new ArrayList<>();
        for (String word : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!word.isEmpty()) {
                options.add(word);
            }
        }
        assertTrue(options.contains("-Xmx32m"), options.toString());
        return new Setenv(options, stderr);
    }

    // --- the JVM under test --------------------------------------------------------------------

    /** {@link IdleJvm} with the given options; stopped by closing its standard input. */
    private static final class Child implements AutoCloseable {
        private final Process process;

        private Child(Process process) {
            this.process = process;
        }

        static Child start(List<String> options) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.add("-cp");
            command.add(Path.of(IdleJvm.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
            command.add(IdleJvm.class.getName());
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            Child child = new Child(process);
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder before = new StringBuilder();
                String line = CompletableFuture.supplyAsync(() -> {
                            try {
                                for (String l = out.readLine(); l != null; l = out.readLine()) {
                                    if (l.equals("ready")) {
                                        return l;
                                    }
                                    before.append(l).append('\n');
                                }
                                return null;
                            } catch (IOException e) {
                                return null;
                            }
                        })
                        .get(30, TimeUnit.SECONDS);
                assertNotNull(line, "the JVM exited before it was ready: " + before);
                return child;
            } catch (Exception | Error e) {
                child.close();
                throw e;
            }
        }

        long pid() {
            return process.pid();
        }

        /** The addresses this process listens on (TCP, IPv4 and IPv6), from /proc. */
        Set<InetSocketAddress> listeningSockets() throws IOException {
            Set<String> inodes = new HashSet<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (NoSuchFileException closedMeanwhile) {
                        // not a socket any more
                    }
                }
            }
            Set<InetSocketAddress> listening = new HashSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path file = Path.of(table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
                        listening.add(socketAddress(f[1]));
                    }
                }
            }
            return listening;
        }

        /** The port of the JDK's local JMX connector, from the address in its stub (through the attach API). */
        int localConnectorPort() throws Exception {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
            String address;
            try {
                address = vm.getAgentProperties().getProperty("com.sun.management.jmxremote.localConnectorAddress");
            } finally {
                vm.detach();
            }
            assertNotNull(address, "the agent publishes its local connector");
            String stub = address.substring(address.indexOf("/stub/") + "/stub/".length());
            Object server;
            try (ObjectInputStream in = new ObjectInputStream(
                    new ByteArrayInputStream(Base64.getDecoder().decode(stub)))) {
                server = in.readObject();
            }
            // UnicastRef [liveRef: [endpoint:[127.0.0.1:44725](local),objID:[...]]]
            Matcher m = Pattern.compile("endpoint:\\[[^\\]]*:(\\d+)\\]")
                    .matcher(((RemoteObject) server).getRef().remoteToString());
            assertTrue(m.find(), server.toString());
            return Integer.parseInt(m.group(1));
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A local address of /proc/net/tcp[6]: hex address (32-bit words in host byte order) ':' hex port. */
    static InetSocketAddress socketAddress(String hex) throws IOException {
        String[] parts = hex.split(":");
        String address = parts[0];
        byte[] bytes = new byte[address.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2; // little-endian words
                bytes[word * 4 + b] = (byte) Integer.parseInt(address.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    }

    /** This machine's addresses other than loopback (and link-local, which needs a scope). */
    private static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    addresses.add(a);
                }
            }
        }
        return addresses;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
