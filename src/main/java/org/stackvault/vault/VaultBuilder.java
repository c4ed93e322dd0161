package org.stackvault.vault;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
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
    private static final List<String> REFERENCE_KEYS =
            List.of("releases", "module_groups", "project_types", "repos", "runtime_storage_update_time");

    private final RuntimeStorage storage;
    private final ConsumerId consumerId;
    private final BuildProgress progress;
    private final SkippedValues skipped;
    private final InstantSource clock;
    private final RecordReader recordReader;
    private final UserReader userReader;

    /** The result of {@link #refresh}: a new vault, or none when the source is unchanged. */
    public record Outcome(Vault vault, boolean full, int changedRecords, String note) {}

    public VaultBuilder(
            RuntimeStorage storage,
            ConsumerId consumerId,
            ExecutorService decoders,
            int parallelism,
            BuildProgress progress,
            SkippedValues skipped,
            InstantSource clock) {
        this.storage = storage;
        this.consumerId = consumerId;
        this.progress = progress;
        this.skipped = skipped;
        this.clock = clock;
        OrderedFetcher fetcher = new OrderedFetcher(storage, decoders, parallelism, progress, skipped, clock);
        this.recordReader = new RecordReader(fetcher, skipped);
        this.userReader = new UserReader(storage, fetcher, progress, skipped);
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

    /** This instance's name among the update log's consumers. */
    public ConsumerId consumerId() {
        return consumerId;
    }

    private String cursorKey() {
        return consumerId.cursorKey();
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
        int[] missing = recordReader.read(ids, table, dicts, blueprints, null);

        progress.start(BuildProgress.Phase.READING_USERS, 0);
        UserDirectory users = userReader.readAll();
        Vault vault = assemble(generation, table, dicts, blueprints, users, updateCount, null, null, missing);
        UnknownReferences.count(vault, null, skipped);
        LOG.info(() -> "full build of generation " + generation + ": " + vault.recordCount() + " records, "
                + vault.users().size() + " users"
                + (missing.length == 0 ? "" : ", " + missing.length + " record slots missing") + " in "
                + (clock.millis() - started) + " ms");
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
            return fullInstead(
                    generation, "update log returned " + updates.size() + " of " + updateKeys.size() + " entries");
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
            return fullInstead(
                    generation, "the update log names record:" + maxId + " but not every record added before it");
        }
        RecordTable.Builder table = previous.records().toBuilder(newSize);
        Dictionaries.Builder dicts = previous.dictionaries().toBuilder();
        Blueprints.Builder blueprints = previous.blueprints().toBuilder();
        Set<String> changedUsers = new LinkedHashSet<>();
        int[] missing = recordReader.read(new ArrayList<>(changed), table, dicts, blueprints, changedUsers);
        if (missing.length > 0) {
            return fullInstead(
                    generation,
                    "record:" + missing[0]
                            + (missing.length > 1 ? " and " + (missing.length - 1) + " more records" : "")
                            + " named by the update log missing from the source");
        }

        progress.start(BuildProgress.Phase.READING_USERS, changedUsers.size());
        UserDirectory users = userReader.update(previous.users(), changedUsers);
        int[] changedRows =
                changed.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] missingRows = Arrays.stream(previous.missingRows())
                .filter(row -> Arrays.binarySearch(changedRows, row) < 0)
                .toArray();
        Vault vault =
                assemble(generation, table, dicts, blueprints, users, updateCount, previous, changedRows, missingRows);
        UnknownReferences.count(vault, changedRows, skipped);
        LOG.info(() -> "incremental build of generation " + generation + ": " + changed.size() + " changed records in "
                + (clock.millis() - started) + " ms");
        return new Outcome(vault, false, changed.size(), changed.size() + " records changed");
    }

    /**
     * @param previous    the vault an incremental build updates (null: a full build)
     * @param changedRows rows that differ from {@code previous}, ascending
     * @param missingRows record slots the source holds no value for, ascending
     * @throws UndecodableValueException when reference data is stored but unreadable
     */
    private Vault assemble(
            long generation,
            RecordTable.Builder table,
            Dictionaries.Builder dicts,
            Blueprints.Builder blueprints,
            UserDirectory users,
            long updateCount,
            Vault previous,
            int[] changedRows,
            int[] missingRows) {
        progress.start(BuildProgress.Phase.READING_REFERENCE_DATA, 4);
        Map<String, String> unreadable = new TreeMap<>();
        Map<String, Object> reference =
                storage.getMulti(REFERENCE_KEYS, (key, error) -> unreadable.put(key, error.getMessage()));
        if (!unreadable.isEmpty()) {
            // served with releases or project types gone, every request would answer 404
            Map.Entry<String, String> first = unreadable.entrySet().iterator().next();
            throw new UndecodableValueException(first.getKey() + " cannot be decoded: " + first.getValue());
        }
        progress.phase(BuildProgress.Phase.INDEXING);
        RecordTable records = table.build();
        Dictionaries dictionaries = dicts.build();
        long firstDay = firstRecordDay(records);
        ReferenceData referenceData = ReferenceData.parse(
                reference.get("releases"),
                reference.get("module_groups"),
                reference.get("project_types"),
                reference.get("repos"),
                firstDay,
                clock.millis() / 1000);
        return new Vault(
                generation,
                clock.millis(),
                records,
                dictionaries,
                blueprints.build(dictionaries.blueprints().size()),
                referenceData,
                users,
                updateCount,
                reference.get("runtime_storage_update_time"),
                storage,
                previous,
                changedRows,
                missingRows,
                skipped);
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
        Set<Object> registered = registeredConsumers();
        if (registered.stream().noneMatch(consumerId::names)) {
            registered.add(consumerId.pidsEntry());
            storage.set("pids", registered);
        }
    }

    /**
     * Takes this consumer off the update log at shutdown: out of {@code pids}, and its cursor
     * {@code pid:<id>} deleted, as the processor does to consumers it no longer sees; the
     * other consumers stay listed. Like the processor's own writes of {@code pids} this is a
     * read and a write, not atomic: a consumer that another instance registers at that
     * moment can drop out, and lists itself again at its next refresh.
     */
    public void unregister() {
        Set<Object> registered = registeredConsumers();
        if (registered.removeIf(consumerId::names)) {
            storage.set("pids", registered);
        }
        storage.delete(cursorKey());
    }

    private Set<Object> registeredConsumers() {
        Object pids = storage.get("pids");
        Set<Object> registered = new LinkedHashSet<>();
        if (pids instanceof Collection<?> c) {
            registered.addAll(c);
        }
        return registered;
    }

    /**
     * A counter or record id as stored: a pickled int, or the ASCII digits memcached's incr
     * leaves; {@code otherwise} when the value is neither.
     */
    static long asLong(Object value, long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof byte[] b) {
            try {
                return Long.parseLong(new String(b, StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
