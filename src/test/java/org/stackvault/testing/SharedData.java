package org.stackvault.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared data ({@code ../shared}): compatibility kit and Stackalytics' default data. */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String configured = System.getProperty("stackvault.shared");
        return Path.of(configured != null ? configured : "../shared")
                .toAbsolutePath()
                .normalize();
    }

    public static Path compat() {
        return root().resolve("compat");
    }

    public static Path compatDump() {
        return compat().resolve("stack20k-seed7.pickle");
    }

    public static boolean hasCompat() {
        return Files.isRegularFile(compatDump()) && Files.isRegularFile(compat().resolve("answers.jsonl.gz"));
    }

    public static Path defaultData() {
        return root().resolve("default_data.json");
    }
}
