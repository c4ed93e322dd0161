package org.stackvault.vault;

import static org.stackvault.vault.OrderedFetcher.MISSING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code record:<id>} values into the rows of a table being built: a kept record
 * fills its row and blueprint list, anything else (not kept, malformed, undecodable,
 * missing) empties them; malformed values are counted, missing slots reported. Used by one
 * building thread at a time.
 */
final class RecordReader {
    private static final int[] NO_CODES = new int[0];

    private final OrderedFetcher fetcher;
    private final SkippedValues skipped;

    RecordReader(OrderedFetcher fetcher, SkippedValues skipped) {
        this.fetcher = fetcher;
        this.skipped = skipped;
    }

    /**
     * Fills the rows of {@code ids}; adds the user ids of the records read to {@code userIds}
     * unless null.
     *
     * @return the ids whose key the source does not hold, in the order of {@code ids}
     */
    int[] read(
            List<Integer> ids,
            RecordTable.Builder table,
            Dictionaries.Builder dicts,
            Blueprints.Builder blueprints,
            Set<String> userIds) {
        List<String> keys = new ArrayList<>(ids.size());
        for (int id : ids) {
            keys.add("record:" + id);
        }
        IntList missing = new IntList();
        fetcher.fetchInOrder(
                keys,
                (key, value) -> {
                    if (value == MISSING) {
                        return MISSING;
                    }
                    try {
                        return ParsedRecord.of(value);
                    } catch (MalformedRecordException e) {
                        return e;
                    }
                },
                (index, parsed) -> {
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

    private static int[] internAll(StringDictionary.Builder dictionary, List<String> values) {
        int[] codes = new int[values.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = dictionary.intern(values.get(i));
        }
        Arrays.sort(codes);
        return codes;
    }

    /** A growable list of ints (usually empty: no slot is missing). */
    private static final class IntList {
        private int[] values = NO_CODES;
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(8, size * 2));
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
