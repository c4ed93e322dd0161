package org.stackvault.vault;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
    private final boolean[] companyPresent;
    private final boolean[] modulePresent;
    private final boolean[] userPresent;
    private final Map<String, Integer> companyByLowerName;
    private final Map<String, Integer> userByLowerId;
    private final int recordCount;
    /** All ones, at least as long as any lookup table of a {@link RowMatcher}; never written. */
    private final byte[] ones;
    private final UserProfile[] profileByUserCode;
    /** Profiles read under {@code user:<user_id>} for user ids the directory lacks; null: none stored. */
    private final UserProfile[] profileUnderUserId;
    /** Which user codes {@link #profileUnderUserId} has looked up. */
    private final boolean[] readUnderUserId;

    /**
     * @param previous    the vault this one updates, whose indexes are updated rather than
     *                    rebuilt; null for a full build
     * @param changedRows the rows that differ from {@code previous} (ascending); ignored
     *                    without {@code previous}
     * @param missingRows record slots the source had no value for, ascending
     * @param skipped     counts full records that cannot be decoded when a request fetches them
     */
    Vault(long generation, long builtAtMillis, RecordTable records, Dictionaries dictionaries, Blueprints blueprints,
            ReferenceData reference, UserDirectory users, long updateCursor, Object runtimeStorageUpdateTime,
            RuntimeStorage storage, Vault previous, int[] changedRows, int[] missingRows, SkippedValues skipped) {
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
            this.rowsByDate = sortRowsByDate(records);
        } else {
            this.primaryKeys = previous.primaryKeys.update(previous.records, records, changedRows, PRIMARY_KEY_TYPES);
            this.rowsByDate = mergeRowsByDate(previous.rowsByDate, records, changedRows);
        }
        this.recordCount = rowsByDate.length;
        this.firstRecordDay = rowsByDate.length == 0 ? 0 : Math.floorDiv(records.date(rowsByDate[0]), 86400L);
        this.companyPresent = new boolean[dictionaries.companies().size()];
        this.modulePresent = new boolean[dictionaries.modules().size()];
        this.userPresent = new boolean[dictionaries.users().size()];
        for (int row : rowsByDate) {
            companyPresent[records.company(row)] = true;
            modulePresent[records.module(row)] = true;
            userPresent[records.user(row)] = true;
        }
        this.companyByLowerName = lowerNameIndex(dictionaries.companies(), companyPresent, true);
        this.userByLowerId = lowerNameIndex(dictionaries.users(), userPresent, false);
        this.profileByUserCode = new UserProfile[dictionaries.users().size()];
        this.profileUnderUserId = new UserProfile[profileByUserCode.length];
        this.readUnderUserId = new boolean[profileByUserCode.length];
        fillProfiles(previous, changedRows);
        int longest = Math.max(RecordType.values().length, Math.max(dictionaries.releases().size(),
                Math.max(dictionaries.users().size(), dictionaries.companies().size())));
        this.ones = new byte[longest];
        Arrays.fill(ones, (byte) 1);
    }

    /**
     * The profile of each user id in the records: the directory's (built from the
     * {@code user:<seq>} dicts), else the dict stored under {@code user:<user_id>} — the key
     * the original finds a record's user by — read here in one bulk get. Processor data
     * has every record's user in the directory; the original's API tests store users under
     * {@code user:<id>} only. An incremental build reads again only the users of changed rows.
     */
    private void fillProfiles(Vault previous, int[] changedRows) {
        StringDictionary ids = dictionaries.users();
        boolean[] changedUser = new boolean[profileByUserCode.length];
        if (previous != null) {
            for (int row : changedRows) {
                if (!records.isEmpty(row)) {
                    changedUser[records.user(row)] = true;
                }
            }
        }
        List<String> keys = new ArrayList<>();
        for (int code = 1; code < profileByUserCode.length; code++) {
            profileByUserCode[code] = users.find(ids.value(code));
            if (profileByUserCode[code] != null || !userPresent[code]) {
                continue;
            }
            if (previous != null && !changedUser[code] && code < previous.readUnderUserId.length
                    && previous.readUnderUserId[code]) {
                profileUnderUserId[code] = previous.profileUnderUserId[code];
                readUnderUserId[code] = true;
            } else {
                keys.add("user:" + ids.value(code));
            }
        }
        if (!keys.isEmpty()) {
            // undecodable dicts count as absent: the user is then shown without a profile
            Map<String, Object> found = storage.getMulti(keys, (key, error) -> { });
            for (String key : keys) {
                String userId = key.substring("user:".length());
                int code = ids.code(userId);
                profileUnderUserId[code] = UserProfile.of(found.get(key), userId);
                readUnderUserId[code] = true;
            }
        }
        for (int code = 1; code < profileByUserCode.length; code++) {
            if (profileByUserCode[code] == null) {
                profileByUserCode[code] = profileUnderUserId[code];
            }
        }
    }

    byte[] ones() {
        return ones;
    }

    /** The vault served before the first build: no records, built at {@code clock}'s now. */
    static Vault empty(RuntimeStorage storage, SkippedValues skipped, InstantSource clock) {
        return new Vault(0, clock.millis(), RecordTable.EMPTY, Dictionaries.EMPTY, Blueprints.EMPTY,
                ReferenceData.EMPTY, UserDirectory.EMPTY, 0, null, storage, null, null, new int[0], skipped);
    }

    /**
     * The previous (date, row) order without the changed rows, merged with the changed rows
     * that hold records now: linear in the rows, where a sort would be n log n.
     */
    private static int[] mergeRowsByDate(int[] previous, RecordTable records, int[] changedRows) {
        long[] changed = new long[(records.size() + 63) >>> 6];
        int kept = 0;
        for (int row : changedRows) {
            changed[row >>> 6] |= 1L << row;
            if (!records.isEmpty(row)) {
                kept++;
            }
        }
        long[] fresh = new long[kept];
        int f = 0;
        for (int row : changedRows) {
            if (!records.isEmpty(row)) {
                fresh[f++] = (records.date(row) << 31) | row;
            }
        }
        Arrays.sort(fresh);
        int[] out = new int[previous.length + fresh.length];
        int n = 0;
        int j = 0;
        for (int row : previous) {
            if ((changed[row >>> 6] & (1L << row)) != 0) {
                continue;
            }
            long key = (records.date(row) << 31) | row;
            while (j < fresh.length && fresh[j] < key) {
                out[n++] = (int) (fresh[j++] & 0x7fffffffL);
            }
            out[n++] = row;
        }
        while (j < fresh.length) {
            out[n++] = (int) (fresh[j++] & 0x7fffffffL);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Non-empty rows ordered by (date, row). */
    private static int[] sortRowsByDate(RecordTable records) {
        int n = 0;
        for (int row = 0; row < records.size(); row++) {
            if (!records.isEmpty(row)) {
                n++;
            }
        }
        long[] keys = new long[n];
        int i = 0;
        for (int row = 0; row < records.size(); row++) {
            if (!records.isEmpty(row)) {
                keys[i++] = (records.date(row) << 31) | row;
            }
        }
        Arrays.parallelSort(keys);
        int[] rows = new int[n];
        for (i = 0; i < n; i++) {
            rows[i] = (int) (keys[i] & 0x7fffffffL);
        }
        return rows;
    }

    /**
     * Lower-cased names (companies also without '&', as the original's company filter
     * folds them) to codes of values present in the records; later codes win.
     */
    private static Map<String, Integer> lowerNameIndex(StringDictionary dictionary, boolean[] present,
            boolean foldAmpersand) {
        Map<String, Integer> index = new HashMap<>();
        for (int code = 1; code < present.length; code++) {
            if (present[code]) {
                String key = dictionary.value(code).toLowerCase(Locale.ROOT);
                index.put(foldAmpersand ? key.replace("&", "") : key, code);
            }
        }
        return Map.copyOf(index);
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
        return code > 0 && code < companyPresent.length && companyPresent[code];
    }

    public boolean modulePresent(int code) {
        return code > 0 && code < modulePresent.length && modulePresent[code];
    }

    public boolean userPresent(int code) {
        return code > 0 && code < userPresent.length && userPresent[code];
    }

    /** The company code for a lower-cased, '&'-less name (the company filter's folding), or -1. */
    public int companyByFoldedName(String folded) {
        Integer code = companyByLowerName.get(folded);
        return code == null ? -1 : code;
    }

    /** The code of a user id present in the records, matched exactly, else case-insensitively; or -1. */
    public int userCode(String userId) {
        int exact = dictionaries.users().code(userId);
        if (exact > 0 && userPresent(exact)) {
            return exact;
        }
        Integer code = userByLowerId.get(userId.toLowerCase(Locale.ROOT));
        return code == null ? -1 : code;
    }

    /**
     * The profile of the user with code {@code userCode} in the records, as of this vault's
     * build (see {@link #fillProfiles}), or null when none is stored.
     */
    public UserProfile userProfile(int userCode) {
        return userCode > 0 && userCode < profileByUserCode.length ? profileByUserCode[userCode] : null;
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
     * The user dict stored under {@code user:<key>}, read from the runtime storage now (not
     * from this vault's directory), or null when there is none or it is not a dict.
     */
    public Map<?, ?> storedUser(String key) {
        // through getMulti: an undecodable or oversized value is counted and absent, not a 500
        Object value = storage.getMulti(List.of("user:" + key), (k, error) -> skipped.skip(REQUEST_USER_UNDECODABLE,
                k, error.getMessage())).get("user:" + key);
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
        Map<String, Object> found = storage.getMulti(keys, (key, error) -> skipped.skip(REQUEST_UNDECODABLE, key,
                error.getMessage()));
        Map<Integer, Map<?, ?>> out = new HashMap<>();
        for (int row : rows) {
            Object value = found.get("record:" + row);
            if (value instanceof Map<?, ?> m) {
                out.put(row, m);
            } else if (value != null) {
                skipped.skip(REQUEST_UNDECODABLE, "record:" + row, "not a dict but a " + value.getClass().getSimpleName());
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
