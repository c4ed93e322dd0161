package org.stackvault.jmx;

import java.io.IOException;

/**
 * A JVM that does nothing but wait, started by {@link RemoteJmxTest} with the options of
 * tomcat/setenv.sh: says {@code ready} once its management agent is up (the agent starts
 * before main) and exits when its standard input closes, so it never outlives the test.
 */
final class IdleJvm {
    private IdleJvm() {}

    public static void main(String[] args) throws IOException {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for end of input
        }
    }
}
