package org.stackvault.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Properties;

/**
 * The measurements of one benchmark run, as {@code key=value} lines in
 * {@code target/bench/run-.../results.properties}: every step of scripts/bench (the shell
 * and each driver command) appends to it, and {@code report} renders the table from it.
 * Not thread-safe (one writer at a time: the steps run one after another).
 */
final class Results {
    private final Path file;

    Results(Path file) {
        this.file = file;
    }

    void put(String key, Object value) throws IOException {
        String line = key + "=" + escape(String.valueOf(value)) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void putMillis(String key, double millis) throws IOException {
        put(key, String.format(Locale.ROOT, "%.3f", millis));
    }

    Properties read() throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
