package org.stackvault.vault;

import static org.stackvault.vault.OrderedFetcher.MISSING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.stackvault.source.RuntimeStorage;

/**
 * Reads the processor's users for a build: all of {@code user:<seq>} for a full build, or
 * for an incremental one the users the changed records name plus those added since.
 * Missing and malformed users are counted. Used by one building thread at a time.
 */
final class UserReader {
    /** The processor's first user number: its user:count starts at 1 and is incremented before use. */
    private static final int FIRST_USER_SEQ = 2;

    private final RuntimeStorage storage;
    private final OrderedFetcher fetcher;
    private final BuildProgress progress;
    private final SkippedValues skipped;

    UserReader(RuntimeStorage storage, OrderedFetcher fetcher, BuildProgress progress, SkippedValues skipped) {
        this.storage = storage;
        this.fetcher = fetcher;
        this.progress = progress;
        this.skipped = skipped;
    }

    /**
     * Users {@code user:0 ... user:<user:count>}. Missing slots from {@code user:2} on are
     * counted ({@code user-missing}; the processor never writes {@code user:0} and
     * {@code user:1}), though a few are normal: the processor deletes users it merges.
     */
    UserDirectory readAll() {
        long count = VaultBuilder.asLong(storage.get("user:count"), 0);
        List<String> keys = new ArrayList<>();
        for (long seq = 0; seq <= count; seq++) {
            keys.add("user:" + seq);
        }
        progress.start(BuildProgress.Phase.READING_USERS, keys.size());
        List<UserProfile> users = new ArrayList<>();
        fetcher.fetchInOrder(keys, (key, value) -> value == MISSING ? MISSING : parse(value), (index, user) -> {
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
        return UserDirectory.of(users);
    }

    /** The {@code previous} users with those of {@code userIds} re-read, plus users added since. */
    UserDirectory update(UserDirectory previous, Set<String> userIds) {
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
        long count = VaultBuilder.asLong(storage.get("user:count"), 0);
        List<String> added = new ArrayList<>();
        for (long seq = maxSeq + 1; seq <= count; seq++) {
            added.add("user:" + seq);
        }
        keys.addAll(added);
        Map<String, Object> found = storage.getMulti(keys, skipped::skipUndecodable);
        for (String key : added) {
            if (!found.containsKey(key)) {
                skipped.skip("user-missing", key, "no value");
            }
        }
        for (Map.Entry<String, Object> e : found.entrySet()) {
            Object user = parse(e.getValue());
            if (user instanceof UserProfile profile) {
                bySeq.put(profile.seq(), profile);
            } else {
                skipped.skip("user-malformed", e.getKey(), (String) user);
            }
        }
        return UserDirectory.of(bySeq.values());
    }

    /** The user, or why the value is none. */
    private static Object parse(Object value) {
        UserProfile user = UserProfile.of(value);
        if (user != null) {
            return user;
        }
        return value instanceof Map<?, ?>
                ? "a dict without a text user_id"
                : "not a dict but a " + value.getClass().getSimpleName();
    }
}
