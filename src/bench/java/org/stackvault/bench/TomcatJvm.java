package org.stackvault.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.stackvault.jmx.VaultMXBean;

/**
 * The Tomcat JVM under test, reached through JMX without passwords: the Attach API starts
 * the JVM's local management agent (same user, loopback only) and hands back its address.
 * Gives the vault's MXBean (reload, refresh, clearResponseCache) and the JVM's own beans
 * (gc, heap used, threads, open files). One connection; its proxies may be called from several threads.
 */
final class TomcatJvm implements AutoCloseable {
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final VaultMXBean vault;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final UnixOperatingSystemMXBean os;
    private final BufferPoolMXBean direct;
    private final long pid;

    private TomcatJvm(
            JMXConnector connector,
            MBeanServerConnection server,
            VaultMXBean vault,
            MemoryMXBean memory,
            ThreadMXBean threads,
            UnixOperatingSystemMXBean os,
            BufferPoolMXBean direct,
            long pid) {
        this.connector = connector;
        this.server = server;
        this.vault = vault;
        this.memory = memory;
        this.threads = threads;
        this.os = os;
        this.direct = direct;
        this.pid = pid;
    }

    /** Attaches to the JVM with this process id; fails unless it is a JVM that runs Stackvault. */
    static TomcatJvm attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(
                    server, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            if (runtime.getPid() != pid) {
                throw new IllegalStateException("attached to pid " + runtime.getPid() + ", not " + pid);
            }
            ObjectName name = vaultName(server);
            VaultMXBean vault = JMX.newMXBeanProxy(server, name, VaultMXBean.class);
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                    server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            return new TomcatJvm(
                    connector,
                    server,
                    vault,
                    memory,
                    ManagementFactory.newPlatformMXBeanProxy(
                            server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class),
                    ManagementFactory.newPlatformMXBeanProxy(
                            server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, UnixOperatingSystemMXBean.class),
                    ManagementFactory.newPlatformMXBeanProxy(
                            server, "java.nio:type=BufferPool,name=direct", BufferPoolMXBean.class),
                    pid);
        } catch (Exception | Error e) {
            connector.close();
            throw e;
        }
    }

    /** {@code org.stackvault:type=Vault,name="ROOT"} (the one Stackvault bean of the JVM). */
    private static ObjectName vaultName(MBeanServerConnection server) throws IOException, MalformedObjectNameException {
        Set<ObjectName> names = server.queryNames(new ObjectName("org.stackvault:type=Vault,*"), null);
        if (names.size() != 1) {
            throw new IllegalStateException("expected one org.stackvault:type=Vault bean, found " + names);
        }
        return names.iterator().next();
    }

    VaultMXBean vault() {
        return vault;
    }

    /** Heap used now, no collection (bytes). */
    long heapUsed() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Heap the JVM has committed now (bytes): what of the heap can be resident. */
    long heapCommitted() {
        return memory.getHeapMemoryUsage().getCommitted();
    }

    /** Bytes of the JVM's direct buffers (ByteBuffer.allocateDirect: Ehcache's off-heap store, NIO). */
    long directBufferBytes() {
        return direct.getMemoryUsed();
    }

    /** Resident set size of the JVM's process now (bytes, {@code /proc/<pid>/status}). */
    long rss() {
        return ProcStatus.rssBytes(pid);
    }

    long heapMax() {
        return memory.getHeapMemoryUsage().getMax();
    }

    /** Live threads of the JVM (a leak of threads shows as a rising count). */
    int threadCount() {
        return threads.getThreadCount();
    }

    /** Open file descriptors of the process: sockets included (a leak of connections shows here). */
    long openFileDescriptors() {
        return os.getOpenFileDescriptorCount();
    }

    /**
     * Heap used after two full collections (System.gc() is a full, stop-the-world collection
     * under G1 unless -XX:+ExplicitGCInvokesConcurrent): what the live objects retain.
     */
    long retainedHeap() throws InterruptedException {
        memory.gc();
        Thread.sleep(200);
        memory.gc();
        Thread.sleep(200);
        return heapUsed();
    }

    /**
     * The first {@code lines} lines of the JVM's class histogram (what {@code jcmd <pid>
     * GC.class_histogram} prints, after its full GC), through the DiagnosticCommand MBean.
     */
    String classHistogram(int lines) throws Exception {
        String histogram = (String) server.invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram",
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
        return histogram.lines().limit(lines).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
