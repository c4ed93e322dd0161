package org.stackvault.vault;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which companies, modules and users the kept records name, and the case-folded names a
 * filter finds them by: a dictionary also holds values of records gone since, which
 * filters must not match. Immutable; thread-safe.
 */
final class PresentNames {
    private final boolean[] companyPresent;
    private final boolean[] modulePresent;
    private final boolean[] userPresent;
    private final StringDictionary users;
    private final Map<String, Integer> companyByLowerName;
    private final Map<String, Integer> userByLowerId;

    /** Reads the company, module and user of each of {@code rows} (the kept ones). */
    PresentNames(RecordTable records, int[] rows, Dictionaries dictionaries) {
        this.companyPresent = new boolean[dictionaries.companies().size()];
        this.modulePresent = new boolean[dictionaries.modules().size()];
        this.userPresent = new boolean[dictionaries.users().size()];
        for (int row : rows) {
            companyPresent[records.company(row)] = true;
            modulePresent[records.module(row)] = true;
            userPresent[records.user(row)] = true;
        }
        this.users = dictionaries.users();
        this.companyByLowerName = lowerNameIndex(dictionaries.companies(), companyPresent, true);
        this.userByLowerId = lowerNameIndex(users, userPresent, false);
    }

    /**
     * Lower-cased names (companies also without '&', as the original's company filter
     * folds them) to codes of values present in the records; later codes win.
     */
    private static Map<String, Integer> lowerNameIndex(
            StringDictionary dictionary, boolean[] present, boolean foldAmpersand) {
        Map<String, Integer> index = new HashMap<>();
        for (int code = 1; code < present.length; code++) {
            if (present[code]) {
                String key = dictionary.value(code).toLowerCase(Locale.ROOT);
                index.put(foldAmpersand ? key.replace("&", "") : key, code);
            }
        }
        return Map.copyOf(index);
    }

    boolean companyPresent(int code) {
        return code > 0 && code < companyPresent.length && companyPresent[code];
    }

    boolean modulePresent(int code) {
        return code > 0 && code < modulePresent.length && modulePresent[code];
    }

    boolean userPresent(int code) {
        return code > 0 && code < userPresent.length && userPresent[code];
    }

    /** The company code for a lower-cased, '&'-less name (the company filter's folding), or -1. */
    int companyByFoldedName(String folded) {
        Integer code = companyByLowerName.get(folded);
        return code == null ? -1 : code;
    }

    /** The code of a user id present in the records, matched exactly, else case-insensitively; or -1. */
    int userCode(String userId) {
        int exact = users.code(userId);
        if (exact > 0 && userPresent(exact)) {
            return exact;
        }
        Integer code = userByLowerId.get(userId.toLowerCase(Locale.ROOT));
        return code == null ? -1 : code;
    }
}
