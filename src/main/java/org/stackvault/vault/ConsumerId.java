package org.stackvault.vault;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * This instance's name among the consumers of the processor's update log: its cursor is
 * {@code pid:<value>} and {@code pids} lists it. Immutable.
 *
 * <p>The original dashboard used its process id, which two containers share (both run
 * as pid 1). Unconfigured, the id is {@code <host>-<pid>-<8 hex digits drawn at start>}:
 * unique across hosts, containers and restarts, and still a memcached key (ASCII, no
 * spaces or control characters, far below 250 bytes). A configured id is kept as given.
 *
 * @param value the id as it appears in {@code pid:<value>}
 */
public record ConsumerId(String value) {
    /** What a configured id may hold: a memcached key's safe characters, and room for {@code pid:}. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private static final int MAX_HOST_LENGTH = 63;

    public ConsumerId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "consumer-id must be 1 to 200 letters, digits or . _ : -, not '" + value + "'");
        }
    }

    /** A configured id (validated). */
    public static ConsumerId of(String configured) {
        return new ConsumerId(configured.trim());
    }

    /** The id of this process: its host name, its pid and a random part drawn now. */
    public static ConsumerId forThisProcess() {
        return derive(hostName(), ProcessHandle.current().pid(), new SecureRandom());
    }

    /**
     * {@code <host>-<pid>-<8 hex digits>}: the host name lower-cased with any character a key
     * must not hold replaced by {@code _}, cut to 63 characters.
     */
    static ConsumerId derive(String host, long pid, Random random) {
        String safe = host == null ? "" : host.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        if (safe.length() > MAX_HOST_LENGTH) {
            safe = safe.substring(0, MAX_HOST_LENGTH);
        }
        if (safe.isEmpty()) {
            safe = "localhost";
        }
        return new ConsumerId(safe + "-" + pid + "-" + String.format("%08x", random.nextInt()));
    }

    /**
     * The host name as the kernel knows it (a container's own), without a DNS lookup when it
     * can: {@code HOSTNAME}, then {@code /proc/sys/kernel/hostname}, then the JDK's.
     */
    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII);
            if (!kernel.isBlank()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The key of this consumer's cursor into the update log. */
    public String cursorKey() {
        return "pid:" + value;
    }

    /**
     * This consumer as an element of {@code pids}: an int when the id is one (as the
     * original dashboard's process ids), else the text; the processor only formats them
     * into {@code pid:%s} and compares them.
     */
    public Object pidsEntry() {
        if (value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(value);
        }
        return value;
    }

    /** Whether an element read from {@code pids} names this consumer. */
    boolean names(Object pidsElement) {
        return pidsElement != null && value.equals(pidsElement.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
