package org.stackvault.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackvault.source.DumpFile;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.vault.UserProfile;

/**
 * {@code scripts/dump --memcached host:port[,...] --out FILE}: exports the runtime storage
 * as a stackalytics-dump, with the keys the original {@code stackalytics-dump} exports:
 * the single keys, per-repository keys, records and users (with their alias keys).
 */
public final class Dump {
    static final String USAGE =
            "usage: scripts/dump --memcached host:port[,host:port...] --out FILE" + " [--memcached-hash 1.59|1.60]";
    static final List<String> SINGLE_KEYS = List.of(
            "module_groups",
            "project_types",
            "repos",
            "releases",
            "companies",
            "last_update_members_date",
            "last_member_index",
            "runtime_storage_update_time");
    private static final int CHUNK = 1000;

    private Dump() {}

    public static void main(String[] args) {
        Command.run(USAGE, args, () -> {
            Arguments a = Arguments.parse(args, Set.of("--memcached", "--out", "--memcached-hash"), Set.of());
            Path out = Path.of(a.require("--out"));
            try (MemcachedStorage storage = MemcachedStorage.connect(
                            a.servers("--memcached"),
                            PythonMemcachedHash.of(
                                    a.get("--memcached-hash") == null ? "1.59" : a.get("--memcached-hash")),
                            30_000,
                            Integer.MAX_VALUE);
                    DumpFile.Writer writer = new DumpFile.Writer(out)) {
                long pairs = export(storage, writer);
                System.out.println("wrote " + pairs + " pairs from " + storage.description() + " to " + out);
            }
        });
    }

    /** Writes every exported pair of {@code storage}, its progress on stderr; returns how many. */
    public static long export(RuntimeStorage storage, DumpFile.Writer writer) throws IOException {
        return export(storage, writer, Progress.on(System.err));
    }

    /** Writes every exported pair of {@code storage}, a progress line for records and one for users; returns how many. */
    public static long export(RuntimeStorage storage, DumpFile.Writer writer, Progress.Output output)
            throws IOException {
        long pairs = 0;
        for (String key : SINGLE_KEYS) {
            writer.write(key, storage.get(key));
            pairs++;
        }
        for (String key : repoKeys(storage.get("repos"))) {
            Object value = storage.get(key);
            if (value != null) {
                writer.write(key, value);
                pairs++;
            }
        }
        for (String prefix : List.of("record", "user")) {
            Object count = storage.get(prefix + ":count");
            writer.write(prefix + ":count", count);
            pairs++;
            long n = count instanceof Number c ? c.longValue() : 0;
            // users are numbered from 1 and user:count is the last seq; records from 0 below record:count
            long end = prefix.equals("user") ? n + 1 : n;
            Progress progress = output.start("dump " + prefix + "s", end);
            for (long start = 0; start < end; start += CHUNK) {
                List<String> keys = new ArrayList<>();
                for (long i = start; i < Math.min(end, start + CHUNK); i++) {
                    keys.add(prefix + ":" + i);
                }
                Map<String, Object> values = storage.getMulti(keys);
                for (String key : keys) {
                    Object value = values.get(key);
                    if (value != null) {
                        writer.write(key, value);
                        pairs++;
                        if (prefix.equals("user")) {
                            pairs += writeAliases(writer, value);
                        }
                    }
                }
                progress.advance(keys.size());
            }
            progress.finish(null);
        }
        return pairs;
    }

    private static int writeAliases(DumpFile.Writer writer, Object user) {
        if (!(user instanceof Map<?, ?> u)) {
            return 0;
        }
        List<String> keys = UserProfile.aliasKeys(u);
        for (String key : keys) {
            writer.write("user:" + key, user);
        }
        return keys.size();
    }

    /** The per-repository keys the processor keeps (bug and VCS positions). */
    private static List<String> repoKeys(Object repos) {
        List<String> keys = new ArrayList<>();
        if (!(repos instanceof Collection<?> list)) {
            return keys;
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> repo) || !(repo.get("uri") instanceof String uri)) {
                continue;
            }
            keys.add("bug_modified_since-" + repo.get("module"));
            Set<String> branches = new LinkedHashSet<>();
            branches.add(repo.get("default_branch") instanceof String b ? b : "master");
            if (repo.get("releases") instanceof Collection<?> releases) {
                for (Object r : releases) {
                    if (r instanceof Map<?, ?> release && release.get("branch") instanceof String b) {
                        branches.add(b);
                    }
                }
            }
            String quoted = URLEncoder.encode(uri, StandardCharsets.UTF_8);
            for (String branch : branches) {
                keys.add("vcs:" + quoted + ":" + branch);
                keys.add("rcs:" + quoted + ":" + branch);
            }
        }
        return keys;
    }
}
