package org.stackvault.vault;

import java.util.function.BooleanSupplier;

/**
 * Counts the kept records that name a user, module or release the stored users and
 * reference data do not know ({@code record-unknown-user}, {@code -module},
 * {@code -release}). They stay in the vault, as in the original dashboard, which keeps
 * such records as they are. Stateless.
 */
final class UnknownReferences {
    private UnknownReferences() {}

    /** Counts the unknown references of {@code rows} of {@code vault} (null: all rows) in {@code skipped}. */
    static void count(Vault vault, int[] rows, SkippedValues skipped) {
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
                skipped.skip(
                        "record-unknown-user",
                        "record:" + row,
                        "user_id '" + d.users().value(user) + "' has no stored user");
            }
            int module = t.module(row);
            if (module != StringDictionary.NULL
                    && !known(
                            moduleKnown,
                            module,
                            () -> reference.knownModule(d.modules().value(module)))) {
                skipped.skip(
                        "record-unknown-module",
                        "record:" + row,
                        "module '" + d.modules().value(module) + "' is in no module group");
            }
            int release = t.release(row);
            if (release != StringDictionary.NULL
                    && !known(
                            releaseKnown,
                            release,
                            () -> reference.knownRelease(d.releases().value(release)))) {
                skipped.skip(
                        "record-unknown-release",
                        "record:" + row,
                        "release '" + d.releases().value(release) + "' is not in releases");
            }
        }
    }

    /** {@code cache[code]}: 0 not asked yet, 1 known, 2 unknown. */
    private static boolean known(byte[] cache, int code, BooleanSupplier lookup) {
        if (cache[code] == 0) {
            cache[code] = (byte) (lookup.getAsBoolean() ? 1 : 2);
        }
        return cache[code] == 1;
    }
}
