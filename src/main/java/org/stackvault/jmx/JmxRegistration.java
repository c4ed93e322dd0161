package org.stackvault.jmx;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers the MBean on start and unregisters it on undeploy. Stateless apart from the name. */
public final class JmxRegistration implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JmxRegistration.class.getName());

    private final MBeanServer server;
    private final ObjectName name;

    private JmxRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Registers {@code bean} as {@code org.stackvault:type=Vault,name=<name>} in the platform
     * MBean server (replacing a stale registration of a previous deployment).
     */
    public static JmxRegistration register(VaultMXBean bean, String name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName objectName = objectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(bean, objectName);
            return new JmxRegistration(server, objectName);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the JMX bean " + name + ": " + e.getMessage(), e);
        }
    }

    public static ObjectName objectName(String name) throws JMException {
        return new ObjectName("org.stackvault:type=Vault,name=" + ObjectName.quote(name));
    }

    public ObjectName name() {
        return name;
    }

    @Override
    public void close() {
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.FINE, "JMX bean already gone: " + name, e);
        }
    }
}
