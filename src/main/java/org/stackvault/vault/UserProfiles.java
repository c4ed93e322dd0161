package org.stackvault.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stackvault.source.RuntimeStorage;

/**
 * The profile of each user id in the records, by user code: the directory's (built from
 * the {@code user:<seq>} dicts), else the dict stored under {@code user:<user_id>} — the
 * key the original finds a record's user by — read at the build in one bulk get.
 * Processor data has every record's user in the directory; the original's API tests store
 * users under {@code user:<id>} only. Immutable; thread-safe.
 */
final class UserProfiles {
    private final UserProfile[] byUserCode;
    /** Profiles read under {@code user:<user_id>} for user ids the directory lacks; null: none stored. */
    private final UserProfile[] underUserId;
    /** Which user codes {@link #underUserId} has looked up. */
    private final boolean[] readUnderUserId;

    private UserProfiles(int users) {
        this.byUserCode = new UserProfile[users];
        this.underUserId = new UserProfile[users];
        this.readUnderUserId = new boolean[users];
    }

    /**
     * Finds the profile of every user code of {@code ids}; reads under {@code user:<user_id>}
     * only for users {@code present} in the records.
     * An incremental build passes the {@code previous} profiles and reads again under
     * {@code user:<user_id>} only the users of {@code changedRows}.
     *
     * @param previous    the profiles of the vault this one updates; null for a full build
     * @param changedRows the rows that differ from the previous vault; ignored without it
     */
    static UserProfiles of(
            RecordTable records,
            StringDictionary ids,
            PresentNames present,
            UserDirectory users,
            RuntimeStorage storage,
            UserProfiles previous,
            int[] changedRows) {
        UserProfiles p = new UserProfiles(ids.size());
        boolean[] changedUser = new boolean[ids.size()];
        if (previous != null) {
            for (int row : changedRows) {
                if (!records.isEmpty(row)) {
                    changedUser[records.user(row)] = true;
                }
            }
        }
        List<String> keys = new ArrayList<>();
        for (int code = 1; code < ids.size(); code++) {
            p.byUserCode[code] = users.find(ids.value(code));
            if (p.byUserCode[code] != null || !present.userPresent(code)) {
                continue;
            }
            if (previous != null
                    && !changedUser[code]
                    && code < previous.readUnderUserId.length
                    && previous.readUnderUserId[code]) {
                p.underUserId[code] = previous.underUserId[code];
                p.readUnderUserId[code] = true;
            } else {
                keys.add("user:" + ids.value(code));
            }
        }
        if (!keys.isEmpty()) {
            // undecodable dicts count as absent: the user is then shown without a profile
            Map<String, Object> found = storage.getMulti(keys, (key, error) -> {});
            for (String key : keys) {
                String userId = key.substring("user:".length());
                int code = ids.code(userId);
                p.underUserId[code] = UserProfile.of(found.get(key), userId);
                p.readUnderUserId[code] = true;
            }
        }
        for (int code = 1; code < ids.size(); code++) {
            if (p.byUserCode[code] == null) {
                p.byUserCode[code] = p.underUserId[code];
            }
        }
        return p;
    }

    /** The profile of user code {@code code}, or null when none is stored. */
    UserProfile get(int code) {
        return code > 0 && code < byUserCode.length ? byUserCode[code] : null;
    }
}
