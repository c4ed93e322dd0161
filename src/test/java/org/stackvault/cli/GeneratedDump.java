package org.stackvault.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackvault.source.DumpFile;

/**
 * A data set made by {@link GenerateData} and read back with the project's own dump reader:
 * every key in file order, records by id, users by key, the other values by key.
 */
final class GeneratedDump {
    final List<String> keys = new ArrayList<>();
    final List<Map<String, Object>> records = new ArrayList<>();
    final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    final Map<String, Object> other = new LinkedHashMap<>();

    /** What one run of the command printed and returned. */
    record Run(int exitCode, String stdout, String stderr) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GenerateData.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Generates {@code records} records with {@code seed} into {@code file}; fails the test on a non-zero exit. */
    static Path generate(Path file, long records, long seed, Path defaultData) {
        List<String> args = new ArrayList<>(
                List.of("--records", Long.toString(records), "--seed", Long.toString(seed), "--out", file.toString()));
        if (defaultData != null) {
            args.addAll(List.of("--default-data", defaultData.toString()));
        }
        Run run = run(args.toArray(new String[0]));
        if (run.exitCode() != 0) {
            throw new AssertionError("generate-data exited with " + run.exitCode() + ": " + run.stderr());
        }
        return file;
    }

    static GeneratedDump read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    @SuppressWarnings("unchecked")
    static GeneratedDump read(InputStream in) throws IOException {
        GeneratedDump dump = new GeneratedDump();
        DumpFile.read(in, (entry, bytes) -> {
            String key = entry.key();
            dump.keys.add(key);
            if (key.startsWith("record:") && !key.equals("record:count")) {
                int id = Integer.parseInt(key.substring("record:".length()));
                if (id != dump.records.size()) {
                    throw new AssertionError(key + " out of order, expected record:" + dump.records.size());
                }
                dump.records.add((Map<String, Object>) entry.value());
            } else if (key.startsWith("user:") && !key.equals("user:count")) {
                dump.users.put(key, (Map<String, Object>) entry.value());
            } else {
                dump.other.put(key, entry.value());
            }
        });
        return dump;
    }

    List<Map<String, Object>> ofType(String type) {
        return records.stream().filter(r -> type.equals(r.get("record_type"))).toList();
    }

    long count(String type) {
        return records.stream().filter(r -> type.equals(r.get("record_type"))).count();
    }

    /** The records a vault keeps: all but those of {@code *robots} that are not patch sets or reviews. */
    long keptRecords() {
        return records.stream()
                .filter(r -> !"*robots".equals(r.get("company_name"))
                        || List.of("patch", "review").contains(r.get("record_type")))
                .count();
    }

    /** The modules of a project type's module groups, plain and per release. */
    Set<Object> modulesOfProjectType(String id) {
        Map<?, ?> groups = (Map<?, ?>) other.get("module_groups");
        Set<Object> modules = new HashSet<>();
        for (Object pt : (List<?>) other.get("project_types")) {
            if (!id.equals(((Map<?, ?>) pt).get("id"))) {
                continue;
            }
            for (Object groupId : (List<?>) ((Map<?, ?>) pt).get("modules")) {
                Map<?, ?> group = (Map<?, ?>) groups.get(groupId);
                modules.addAll((Collection<?>) group.get("modules"));
                if (group.get("releases") instanceof Map<?, ?> byRelease) {
                    byRelease.values().forEach(m -> modules.addAll((Collection<?>) m));
                }
            }
        }
        return modules;
    }

    /** The profile stored under {@code user:<key>}. */
    Map<String, Object> user(String key) {
        return users.get("user:" + key);
    }
}
