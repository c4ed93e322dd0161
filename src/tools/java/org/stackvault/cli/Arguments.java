package org.stackvault.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} command-line options, checked against the
 * options a command knows. Immutable.
 */
public final class Arguments {
    private final Map<String, String> values;

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param withValue options that take a value
     * @param flags     options that take none
     * @throws UsageException on an unknown option or a missing value
     */
    public static Arguments parse(String[] args, Set<String> withValue, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name) && value == null) {
                values.put(name, "true");
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(name, value);
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return new Arguments(Map.copyOf(values));
    }

    public String get(String name) {
        return values.get(name);
    }

    public String require(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public long longValue(String name, long otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an integer, not '" + v + "'");
        }
    }

    /** host:port[,host:port...] of {@code --memcached}. */
    public List<String> servers(String name) {
        return List.of(require(name).split(","));
    }

    /** A command-line mistake; the message is for the user. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
