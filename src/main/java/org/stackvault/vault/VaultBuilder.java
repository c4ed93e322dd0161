package org.stackvault.vault;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Logger;

import org.stackvault.source.RuntimeStorage;
import org.stackvault.source.StorageException;
import org.stackvault.source.UndecodableValueException;

/**
 * Builds vaults from the runtime storage, off the serving path: a full build reads every
 * record, an incremental one starts from the previous vault and applies the update log
 * from this instance's consumer cursor ({@code pid:<consumer>}).
 *
 * <p>Values are fetched and decoded in parallel on {@code decoders}; rows are filled on
 * the calling thread in record order, so the same data always gives the same vault. One
 * build at a time per builder ({@link VaultHolder} guarantees it); never publishes.
 */
public final class VaultBuilder {
    private static final Logger LOG = Logger.getLogger(VaultBuilder.class.getName());
    private static final int CHUNK = 1000;
    /** A key the source does not hold. */
    private static final Object MISSING = new Object();
    /** A key whose value could not be decoded: held by the source, so not missing; counted already. */
    private static final Object UNDECODABLE = new Object();
    private static final int[] NO_CODES = new int[0];
    private static final long PROGRESS_LOG_MILLIS = 5_000;
    /** The processor's first user number: its user:count starts at 1 and is incremented before use. */
    private static final int FIRST_USER_SEQ = 2;
    private static final List<String> REFERENCE_KEYS = List.of("releases", "module_groups", "project_types", "repos",
            "runtime_storage_update_time");

    private final RuntimeStorage storage;
    private final long consumerId;
    private final ExecutorService decoders;
    private final int parallelism;
    private final BuildProgress progress;
    private final SkippedValues skipped;
    private final InstantSource clock;

    /** The result of {@link #refresh}: a new vault, or none when the source is unchanged. */
    public record Outcome(Vault vault, boolean full, int changedRecords, String note) {
    }

    public VaultBuilder(RuntimeStorage storage, long consumerId, ExecutorService decoders, int parallelism,
            BuildProgress progress, SkippedValues skipped, InstantSource clock) {
        this.storage = storage;
        this.consumerId = consumerId;
        this.decoders = decoders;
        this.parallelism = Math.max(1, parallelism);
        this.progress = progress;
        this.skipped = skipped;
        this.clock = clock;
    }

    public RuntimeStorage storage() {
        return storage;
    }

    BuildProgress progress() {
        return progress;
    }

    SkippedValues skipped() {
        return skipped;
    }

    private String cursorKey() {
        return "pid:" + consumerId;
    }

    /**
     * Builds the next vault after {@code previous}: incrementally when this consumer's cursor
     * is where {@code previous} left it and the update log still holds what follows, else
     * fully.
     *
     * @return an outcome whose vault is null when nothing changed since {@code previous}
     * @throws StorageException when the storage cannot be read completely
     */
    public Outcome refresh(Vault previous, long generation, boolean forceFull) {
        progress.start(BuildProgress.Phase.READING_CURSOR, 0);
        if (forceFull || previous.generation() == 0) {
            return new Outcome(full(generation), true, -1, forceFull ? "full reload requested" : "first build");
        }
        long cursor = asLong(storage.get(cursorKey()), -1);
        long updateCount = asLong(storage.get("update:count"), 0);
        long firstValid = asLong(storage.get("first_valid_update"), 0);
        String reason = null;
        if (cursor < 0) {
            reason = "consumer cursor " + cursorKey() + " is missing";
        } else if (cursor != previous.updateCursor()) {
            reason = "consumer cursor " + cursor + " is not where this vault left it (" + previous.updateCursor() + ")";
        } else if (cursor < firstValid) {
            reason = "update log purged past the cursor (" + cursor + " < first_valid_update " + firstValid + ")";
        } else if (updateCount < cursor) {
            reason = "update:count " + updateCount + " went back behind the cursor " + cursor;
        }
        if (reason != null) {
            String why = reason;
            LOG.info(() -> "full reload: " + why);
            return new Outcome(full(generation), true, -1, why);
        }
        if (updateCount == cursor) {
            return new Outcome(null, false, 0, "no updates");
        }
        return incremental(previous, generation, cursor, updateCount);
    }

    /** Reads everything. */
    public Vault full(long generation) {
        long started = clock.millis();
        long updateCount = asLong(storage.get("update:count"), 0);
        long recordCount = Math.max(0, asLong(storage.get("record:count"), 0));
        if (recordCount > Integer.MAX_VALUE - 8) {
            throw new StorageException("record:count " + recordCount + " is beyond what one vault holds");
        }
        progress.start(BuildProgress.Phase.READING_RECORDS, recordCount);
        RecordTable.Builder table = new RecordTable.Builder((int) recordCount);
        Dictionaries.Builder dicts = Dictionaries.EMPTY.toBuilder();
        Blueprints.Builder blueprints = Blueprints.EMPTY.toBuilder();
        List<Integer> ids = new ArrayList<>((int) recordCount);
        for (int i = 0; i < recordCount; i++) {
            ids.add(i);
        }
        int[] missing = readRecords(ids, table, dicts, blueprints, null);

        progress.start(BuildProgress.Phase.READING_USERS, 0);
        UserDirectory users = UserDirectory.of(readAllUsers());
        Vault vault = assemble(generation, table, dicts, blueprints, users, updateCount, null, null, missing);
        countUnknownReferences(vault, null);
        LOG.info(() -> "full build of generation " + generation + ": " + vault.recordCount() + " records, "
                + vault.users().size() + " users" + (missing.length == 0 ? "" : ", " + missing.length
                + " record slots missing") + " in " + (clock.millis() - started) + " ms");
        return vault;
    }

    /** A full build where an incremental one would have missed something the source lost. */
    private Outcome fullInstead(long generation, String note) {
        LOG.warning(() -> note + "; doing a full reload instead");
        return new Outcome(full(generation), true, -1, note);
    }

    private Outcome incremental(Vault previous, long generation, long cursor, long updateCount) {
        long started = clock.millis();
        progress.start(BuildProgress.Phase.READING_RECORDS, updateCount - cursor);
        List<String> updateKeys = new ArrayList<>();
        for (long k = cursor; k < updateCount; k++) {
            updateKeys.add("update:" + k);
        }
        Map<String, Object> updates = storage.getMulti(updateKeys);
        if (updates.size() < updateKeys.size()) {
            return fullInstead(generation, "update log returned " + updates.size() + " of " + updateKeys.size()
                    + " entries");
        }
        Set<Integer> changed = new LinkedHashSet<>();
        for (String key : updateKeys) {
            long id = asLong(updates.get(key), -1);
            if (id < 0 || id > Integer.MAX_VALUE - 8) {
                skipped.skip("bad-update-entry", key, "not a record id: " + updates.get(key));
                continue;
            }
            changed.add((int) id);
        }
        int previousSize = previous.records().size();
        int maxId = changed.stream().mapToInt(Integer::intValue).max().orElse(-1);
        int newSize = Math.max(previousSize, maxId + 1);
        long added = changed.stream().filter(id -> id >= previousSize).count();
        if (added < newSize - previousSize) {
            // the processor logs every record it adds: a gap means the log lost entries
            return fullInstead(generation, "the update log names record:" + maxId + " but not every record added before it");
        }
        RecordTable.Builder table = previous.records().toBuilder(newSize);
        Dictionaries.Builder dicts = previous.dictionaries().toBuilder();
        Blueprints.Builder blueprints = previous.blueprints().toBuilder();
        Set<String> changedUsers = new LinkedHashSet<>();
        int[] missing = readRecords(new ArrayList<>(changed), table, dicts, blueprints, changedUsers);
        if (missing.length > 0) {
            return fullInstead(generation, "record:" + missing[0] + (missing.length > 1 ? " and " + (missing.length - 1)
                    + " more records" : "") + " named by the update log missing from the source");
        }

        progress.start(BuildProgress.Phase.READING_USERS, changedUsers.size());
        UserDirectory users = updateUsers(previous.users(), changedUsers);
        int[] changedRows = changed.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] missingRows = java.util.Arrays.stream(previous.missingRows())
                .filter(row -> java.util.Arrays.binarySearch(changedRows, row) < 0).toArray();
        Vault vault = assemble(generation, table, dicts, blueprints, users, updateCount, previous, changedRows,
                missingRows);
        countUnknownReferences(vault, changedRows);
        LOG.info(() -> "incremental build of generation " + generation + ": " + changed.size()
                + " changed records in " + (clock.millis() - started) + " ms");
        return new Outcome(vault, false, changed.size(), changed.size() + " records changed");
    }

    /**
     * @param previous    the vault an incremental build updates (null: a full build)
     * @param changedRows rows that differ from {@code previous}, ascending
     * @param missingRows record slots the source holds no value for, ascending
     * @throws UndecodableValueException when reference data is stored but unreadable
     */
    private Vault assemble(long generation, RecordTable.Builder table, Dictionaries.Builder dicts,
            Blueprints.Builder blueprints, UserDirectory users, long updateCount, Vault previous, int[] changedRows,
            int[] missingRows) {
        progress.start(BuildProgress.Phase.READING_REFERENCE_DATA, 4);
        Map<String, String> unreadable = new TreeMap<>();
        Map<String, Object> reference = storage.getMulti(REFERENCE_KEYS,
                (key, error) -> unreadable.put(key, error.getMessage()));
        if (!unreadable.isEmpty()) {
            // served with releases or project types gone, every request would answer 404
            Map.Entry<String, String> first = unreadable.entrySet().iterator().next();
            throw new UndecodableValueException(first.getKey() + " cannot be decoded: " + first.getValue());
        }
        progress.phase(BuildProgress.Phase.INDEXING);
        RecordTable records = table.build();
        Dictionaries dictionaries = dicts.build();
        long firstDay = firstRecordDay(records);
        ReferenceData referenceData = ReferenceData.parse(reference.get("releases"), reference.get("module_groups"),
                reference.get("project_types"), reference.get("repos"), firstDay, clock.millis() / 1000);
        return new Vault(generation, clock.millis(), records, dictionaries,
                blueprints.build(dictionaries.blueprints().size()), referenceData, users, updateCount,
                reference.get("runtime_storage_update_time"), storage, previous, changedRows, missingRows, skipped);
    }

    /**
     * Counts the kept records of {@code rows} (null: all) that name a user, module or release
     * the stored users and reference data do not know. They stay in the vault, as in the
     * original dashboard, which keeps such records as they are.
     */
    private void countUnknownReferences(Vault vault, int[] rows) {
        RecordTable t = vault.records();
        Dictionaries d = vault.dictionaries();
        ReferenceData reference = vault.reference();
        byte[] moduleKnown = new byte[d.modules().size()];
        byte[] releaseKnown = new byte[d.releases().size()];
        int n = rows == null ? t.size() : rows.length;
        for (int i = 0; i < n; i++) {
            int row = rows == null ? i : rows[i];
            if (t.isEmpty(row)) {
                continue;
            }
            int user = t.user(row);
            if (user != StringDictionary.NULL && vault.userProfile(user) == null) {
                skipped.skip("record-unknown-user", "record:" + row, "user_id '" + d.users().value(user)
                        + "' has no stored user");
            }
            int module = t.module(row);
            if (module != StringDictionary.NULL
                    && !known(moduleKnown, module, () -> reference.knownModule(d.modules().value(module)))) {
                skipped.skip("record-unknown-module", "record:" + row, "module '" + d.modules().value(module)
                        + "' is in no module group");
            }
            int release = t.release(row);
            if (release != StringDictionary.NULL
                    && !known(releaseKnown, release, () -> reference.knownRelease(d.releases().value(release)))) {
                skipped.skip("record-unknown-release", "record:" + row, "release '" + d.releases().value(release)
                        + "' is not in releases");
            }
        }
    }

    /** {@code cache[code]}: 0 not asked yet, 1 known, 2 unknown. */
    private static boolean known(byte[] cache, int code, java.util.function.BooleanSupplier lookup) {
        if (cache[code] == 0) {
            cache[code] = (byte) (lookup.getAsBoolean() ? 1 : 2);
        }
        return cache[code] == 1;
    }

    private static long firstRecordDay(RecordTable records) {
        long min = Long.MAX_VALUE;
        for (int row = 0; row < records.size(); row++) {
            if (!records.isEmpty(row)) {
                min = Math.min(min, records.date(row));
            }
        }
        return min == Long.MAX_VALUE ? 0 : Math.floorDiv(min, 86400L);
    }

    /**
     * Records this vault registered as read: moves this consumer's cursor to the vault's
     * update position and lists the consumer in {@code pids}, as the original dashboard does.
     */
    public void commitCursor(Vault published) {
        storage.set(cursorKey(), published.updateCursor());
        Object pids = storage.get("pids");
        Set<Object> registered = new LinkedHashSet<>();
        if (pids instanceof Collection<?> c) {
            registered.addAll(c);
        }
        if (registered.add(consumerId)) {
            storage.set("pids", registered);
        }
    }

    /**
     * Fills the rows of {@code ids}; adds the user ids of the records read to {@code userIds}
     * unless null.
     *
     * @return the ids whose key the source does not hold, in the order of {@code ids}
     */
    private int[] readRecords(List<Integer> ids, RecordTable.Builder table, Dictionaries.Builder dicts,
            Blueprints.Builder blueprints, Set<String> userIds) {
        List<String> keys = new ArrayList<>(ids.size());
        for (int id : ids) {
            keys.add("record:" + id);
        }
        IntList missing = new IntList();
        fetchInOrder(keys, (key, value) -> {
            if (value == MISSING) {
                return MISSING;
            }
            try {
                return ParsedRecord.of(value);
            } catch (MalformedRecordException e) {
                return e;
            }
        }, (index, parsed) -> {
            int row = ids.get(index);
            if (parsed instanceof ParsedRecord r && r.kept()) {
                table.set(row, r, dicts);
                if (!r.blueprintIds().isEmpty() || blueprints.has(row)) {
                    blueprints.set(row, internAll(dicts.blueprints, r.blueprintIds()));
                }
                if (userIds != null && r.userId() != null) {
                    userIds.add(r.userId());
                }
            } else {
                if (parsed instanceof MalformedRecordException e) {
                    skipped.skip("record-" + e.kind(), keys.get(index), e.getMessage());
                } else if (parsed == MISSING) {
                    missing.add(row);
                }
                table.clear(row);
                blueprints.set(row, NO_CODES);
            }
        });
        return missing.toArray();
    }

    /** A growable list of ints (usually empty: no slot is missing). */
    private static final class IntList {
        private int[] values = NO_CODES;
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(8, size * 2));
            }
            values[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private static int[] internAll(StringDictionary.Builder dictionary, List<String> values) {
        int[] codes = new int[values.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = dictionary.intern(values.get(i));
        }
        java.util.Arrays.sort(codes);
        return codes;
    }

    /**
     * Users {@code user:0 ... user:<user:count>}. Missing slots from {@code user:2} on are
     * counted ({@code user-missing}; the processor never writes {@code user:0} and
     * {@code user:1}), though a few are normal: the processor deletes users it merges.
     */
    private List<UserProfile> readAllUsers() {
        long count = asLong(storage.get("user:count"), 0);
        List<String> keys = new ArrayList<>();
        for (long seq = 0; seq <= count; seq++) {
            keys.add("user:" + seq);
        }
        progress.start(BuildProgress.Phase.READING_USERS, keys.size());
        List<UserProfile> users = new ArrayList<>();
        fetchInOrder(keys, (key, value) -> value == MISSING ? MISSING : parseUser(value), (index, user) -> {
            if (user instanceof UserProfile profile) {
                users.add(profile);
            } else if (user == MISSING) {
                if (index >= FIRST_USER_SEQ) {
                    skipped.skip("user-missing", keys.get(index), "no value");
                }
            } else if (user instanceof String why) {
                skipped.skip("user-malformed", keys.get(index), why);
            }
        });
        return users;
    }

    /** The user, or why the value is none. */
    private static Object parseUser(Object value) {
        UserProfile user = UserProfile.of(value);
        if (user != null) {
            return user;
        }
        return value instanceof Map<?, ?> ? "a dict without a text user_id" : "not a dict but a "
                + value.getClass().getSimpleName();
    }

    /** The previous users with those of {@code userIds} re-read, plus users added since. */
    private UserDirectory updateUsers(UserDirectory previous, Set<String> userIds) {
        TreeMap<Long, UserProfile> bySeq = new TreeMap<>();
        long maxSeq = 0;
        for (UserProfile user : previous.all()) {
            long seq = user.seq();
            bySeq.put(seq, user);
            maxSeq = Math.max(maxSeq, seq);
        }
        List<String> keys = new ArrayList<>();
        for (String userId : userIds) {
            keys.add("user:" + userId);
        }
        long count = asLong(storage.get("user:count"), 0);
        List<String> added = new ArrayList<>();
        for (long seq = maxSeq + 1; seq <= count; seq++) {
            added.add("user:" + seq);
        }
        keys.addAll(added);
        Map<String, Object> found = storage.getMulti(keys, (key, error) -> skipped.skip(kindOf(key, error), key,
                error.getMessage()));
        for (String key : added) {
            if (!found.containsKey(key)) {
                skipped.skip("user-missing", key, "no value");
            }
        }
        for (Map.Entry<String, Object> e : found.entrySet()) {
            Object user = parseUser(e.getValue());
            if (user instanceof UserProfile profile) {
                bySeq.put(profile.seq(), profile);
            } else {
                skipped.skip("user-malformed", e.getKey(), (String) user);
            }
        }
        return UserDirectory.of(bySeq.values());
    }

    /** Parsed value of one key (or MISSING), on a decoder thread; not called for undecodable values. */
    @FunctionalInterface
    private interface Parse {
        Object parse(String key, Object value);
    }

    /** Applies parsed values in key order, on the calling thread. */
    @FunctionalInterface
    private interface Apply {
        void apply(int index, Object parsed);
    }

    /**
     * Fetches {@code keys} in chunks on the decoder pool, parses there, and applies the
     * results here in order. At most two chunks per decoder are in flight.
     */
    private void fetchInOrder(List<String> keys, Parse parse, Apply apply) {
        ArrayDeque<Future<Object[]>> inFlight = new ArrayDeque<>();
        int next = 0;
        int applied = 0;
        long lastLog = clock.millis();
        try {
            while (applied < keys.size()) {
                while (next < keys.size() && inFlight.size() < parallelism * 2) {
                    List<String> chunk = keys.subList(next, Math.min(keys.size(), next + CHUNK));
                    inFlight.add(decoders.submit(() -> fetchChunk(chunk, parse)));
                    next += chunk.size();
                }
                Object[] parsed = await(inFlight.removeFirst());
                for (Object p : parsed) {
                    apply.apply(applied++, p);
                }
                progress.advance(parsed.length);
                lastLog = logProgress(lastLog, applied, keys.size());
            }
        } finally {
            for (Future<Object[]> f : inFlight) {
                f.cancel(true);
            }
        }
    }

    /** Logs how far a long read is, every few seconds; returns when it last logged. */
    private long logProgress(long lastLog, int done, int total) {
        long now = clock.millis();
        if (now - lastLog < PROGRESS_LOG_MILLIS || done == total) {
            return lastLog;
        }
        LOG.info(() -> progress.phase() + ": " + done + " of " + total + " (" + (100L * done / total) + " %)");
        return now;
    }

    private Object[] fetchChunk(List<String> chunk, Parse parse) {
        Set<String> undecodable = new java.util.HashSet<>();
        Map<String, Object> values = storage.getMulti(chunk, (key, error) -> {
            undecodable.add(key);
            skipped.skip(kindOf(key, error), key, error.getMessage());
        });
        Object[] parsed = new Object[chunk.size()];
        for (int i = 0; i < parsed.length; i++) {
            String key = chunk.get(i);
            Object value = values.get(key);
            parsed[i] = undecodable.contains(key) ? UNDECODABLE : parse.parse(key, value == null ? MISSING : value);
        }
        return parsed;
    }

    /** {@code record-undecodable}, {@code user-oversized} ...: the key's prefix and the error's kind. */
    private static String kindOf(String key, UndecodableValueException error) {
        int colon = key.indexOf(':');
        return (colon > 0 ? key.substring(0, colon) : key) + "-" + error.kind();
    }

    private static Object[] await(Future<Object[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("build interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageException("build failed: " + cause, cause);
        }
    }

    static long asLong(Object value, long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof byte[] b) {
            try {
                return Long.parseLong(new String(b, java.nio.charset.StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
