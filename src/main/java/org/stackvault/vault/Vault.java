package org.stackvault.vault;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stackvault.source.RuntimeStorage;

/**
 * One immutable snapshot of everything the API answers from: the compact records, their
 * dictionaries and indexes, users and reference data. Built only by {@link VaultBuilder},
 * published by {@link VaultHolder}. A request reads one vault from start to end.
 *
 * <p>Thread-safe: every field is final and nothing reachable from it changes.
 */
public final class Vault {
    private static final int PRIMARY_KEY_TYPES = RecordType.REVIEW.bit() | RecordType.PATCH.bit();
    private static final String REQUEST_UNDECODABLE = "request-record-undecodable";
    private static final String REQUEST_USER_UNDECODABLE = "request-user-undecodable";

    private final long generation;
    private final long builtAtMillis;
    private final RecordTable records;
    private final Dictionaries dictionaries;
    private final Blueprints blueprints;
    private final ReferenceData reference;
    private final UserDirectory users;
    private final long updateCursor;
    private final Object runtimeStorageUpdateTime;
    private final RuntimeStorage storage;
    private final SkippedValues skipped;
    /** Record slots below {@code record:count} the source held no value for, ascending. */
    private final int[] missingRows;

    // derived, computed once here
    private final PrimaryKeys primaryKeys;
    private final int[] rowsByDate;
    private final long firstRecordDay;
    private final PresentNames present;
    private final UserProfiles profiles;
    private final int recordCount;
    /** All ones, at least as long as any lookup table of a {@link RowMatcher}; never written. */
    private final byte[] ones;

    /**
     * @param previous    the vault this one updates, whose indexes are updated rather than
     *                    rebuilt; null for a full build
     * @param changedRows the rows that differ from {@code previous} (ascending); ignored
     *                    without {@code previous}
     * @param missingRows record slots the source had no value for, ascending
     * @param skipped     counts full records that cannot be decoded when a request fetches them
     */
    Vault(
            long generation,
            long builtAtMillis,
            RecordTable records,
            Dictionaries dictionaries,
            Blueprints blueprints,
            ReferenceData reference,
            UserDirectory users,
            long updateCursor,
            Object runtimeStorageUpdateTime,
            RuntimeStorage storage,
            Vault previous,
            int[] changedRows,
            int[] missingRows,
            SkippedValues skipped) {
        this.generation = generation;
        this.builtAtMillis = builtAtMillis;
        this.records = records;
        this.dictionaries = dictionaries;
        this.blueprints = blueprints;
        this.reference = reference;
        this.users = users;
        this.updateCursor = updateCursor;
        this.runtimeStorageUpdateTime = runtimeStorageUpdateTime;
        this.storage = storage;
        this.missingRows = missingRows;
        this.skipped = skipped;

        if (previous == null) {
            this.primaryKeys = PrimaryKeys.of(records, PRIMARY_KEY_TYPES);
            this.rowsByDate = RowsByDate.of(records);
        } else {
            this.primaryKeys = previous.primaryKeys.update(previous.records, records, changedRows, PRIMARY_KEY_TYPES);
            this.rowsByDate = RowsByDate.update(previous.rowsByDate, records, changedRows);
        }
        this.recordCount = rowsByDate.length;
        this.firstRecordDay = rowsByDate.length == 0 ? 0 : Math.floorDiv(records.date(rowsByDate[0]), 86400L);
        this.present = new PresentNames(records, rowsByDate, dictionaries);
        this.profiles = UserProfiles.of(
                records,
                dictionaries.users(),
                present,
                users,
                storage,
                previous == null ? null : previous.profiles,
                changedRows);
        int longest = Math.max(
                RecordType.values().length,
                Math.max(
                        dictionaries.releases().size(),
                        Math.max(
                                dictionaries.users().size(),
                                dictionaries.companies().size())));
        this.ones = new byte[longest];
        Arrays.fill(ones, (byte) 1);
    }

    byte[] ones() {
        return ones;
    }

    /** The vault served before the first build: no records, built at {@code clock}'s now. */
    static Vault empty(RuntimeStorage storage, SkippedValues skipped, InstantSource clock) {
        return new Vault(
                0,
                clock.millis(),
                RecordTable.EMPTY,
                Dictionaries.EMPTY,
                Blueprints.EMPTY,
                ReferenceData.EMPTY,
                UserDirectory.EMPTY,
                0,
                null,
                storage,
                null,
                null,
                new int[0],
                skipped);
    }

    /** Increases by one with every published vault; 0 is the empty vault before the first build. */
    public long generation() {
        return generation;
    }

    public long builtAtMillis() {
        return builtAtMillis;
    }

    public RecordTable records() {
        return records;
    }

    public Dictionaries dictionaries() {
        return dictionaries;
    }

    public ReferenceData reference() {
        return reference;
    }

    public UserDirectory users() {
        return users;
    }

    /** The update-log position this vault has applied ({@code update:count} when it was read). */
    public long updateCursor() {
        return updateCursor;
    }

    /** {@code runtime_storage_update_time}: when the processor last finished a run (may be null). */
    public Object runtimeStorageUpdateTime() {
        return runtimeStorageUpdateTime;
    }

    /**
     * Record slots ({@code record:N}, N below {@code record:count}) the source held no value
     * for when this vault was built: evicted or lost, since the processor never deletes one.
     */
    public int missingRecordSlots() {
        return missingRows.length;
    }

    /** The slots of {@link #missingRecordSlots()}, ascending; callers must not modify it. */
    int[] missingRows() {
        return missingRows;
    }

    /** Number of records kept (non-empty rows). */
    public int recordCount() {
        return recordCount;
    }

    /**
     * The {@code index}-th non-empty row in ascending (date, row) order,
     * {@code 0 <= index < recordCount()}.
     */
    public int rowByDate(int index) {
        return rowsByDate[index];
    }

    /** Day ({@code date // 86400}) of the earliest record; 0 when there are none. */
    public long firstRecordDay() {
        return firstRecordDay;
    }

    public boolean companyPresent(int code) {
        return present.companyPresent(code);
    }

    public boolean modulePresent(int code) {
        return present.modulePresent(code);
    }

    public boolean userPresent(int code) {
        return present.userPresent(code);
    }

    /** The company code for a lower-cased, '&'-less name (the company filter's folding), or -1. */
    public int companyByFoldedName(String folded) {
        return present.companyByFoldedName(folded);
    }

    /** The code of a user id present in the records, matched exactly, else case-insensitively; or -1. */
    public int userCode(String userId) {
        return present.userCode(userId);
    }

    /**
     * The profile of the user with code {@code userCode} in the records, as of this vault's
     * build: the directory's, else the dict stored under {@code user:<user_id>}; null when
     * none is stored.
     */
    public UserProfile userProfile(int userCode) {
        return profiles.get(userCode);
    }

    /** Rows mentioning a blueprint id, ascending; empty when unknown. */
    public int[] rowsOfBlueprint(String blueprintId) {
        return blueprints.rowsOf(dictionaries.blueprints().code(blueprintId)).clone();
    }

    /** The row of the review or patch whose primary key is {@code key}, or -1. */
    public int rowOfPrimaryKey(String key) {
        return primaryKeys.row(key);
    }

    /**
     * The row of the record of any type whose {@code primary_key} is {@code key}, or -1: the
     * index of reviews and patch sets, else a scan of the key hashes of every row (reports
     * look up one record per request). A hash collision is possible in principle, so callers
     * compare the full record's {@code primary_key}.
     */
    public int rowOfAnyPrimaryKey(String key) {
        int row = primaryKeys.row(key);
        if (row >= 0) {
            return row;
        }
        long hash = PrimaryKeys.hash(key);
        for (int r = 0; r < records.size(); r++) {
            if (records.primaryKeyHash(r) == hash && !records.isEmpty(r)) {
                return r;
            }
        }
        return -1;
    }

    /**
     * The user dict stored under {@code user:<key>}, read from the runtime storage now (not
     * from this vault's directory), or null when there is none or it is not a dict.
     */
    public Map<?, ?> storedUser(String key) {
        // through getMulti: an undecodable or oversized value is counted and absent, not a 500
        Object value = storage.getMulti(
                        List.of("user:" + key),
                        (k, error) -> skipped.skip(REQUEST_USER_UNDECODABLE, k, error.getMessage()))
                .get("user:" + key);
        return value instanceof Map<?, ?> m ? m : null;
    }

    /**
     * Full records of many rows in one bulk read; rows that are gone are missing. Values
     * that cannot be decoded, or are no dict, are missing too and counted
     * ({@code request-record-undecodable}).
     */
    public Map<Integer, Map<?, ?>> fullRecords(int[] rows) {
        List<String> keys = new ArrayList<>(rows.length);
        for (int row : rows) {
            keys.add("record:" + row);
        }
        Map<String, Object> found =
                storage.getMulti(keys, (key, error) -> skipped.skip(REQUEST_UNDECODABLE, key, error.getMessage()));
        Map<Integer, Map<?, ?>> out = new HashMap<>();
        for (int row : rows) {
            Object value = found.get("record:" + row);
            if (value instanceof Map<?, ?> m) {
                out.put(row, m);
            } else if (value != null) {
                skipped.skip(
                        REQUEST_UNDECODABLE,
                        "record:" + row,
                        "not a dict but a " + value.getClass().getSimpleName());
            }
        }
        return out;
    }

    RuntimeStorage storage() {
        return storage;
    }

    Blueprints blueprints() {
        return blueprints;
    }

    @Override
    public String toString() {
        return "Vault[generation=" + generation + ", records=" + recordCount + ", users=" + users.size() + "]";
    }
}
