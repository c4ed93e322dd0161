package org.stackvault.vault;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every user, found by any key the processor stores it under ({@code user:<key>}): the
 * user id, launchpad id, {@code gerrit:<id>}, {@code github:<id>}, {@code zanata:<id>},
 * {@code member:<id>}, each email. Immutable; thread-safe.
 */
public final class UserDirectory {
    static final UserDirectory EMPTY = new UserDirectory(List.of(), Map.of());

    private final List<UserProfile> users;
    private final Map<String, UserProfile> byKey;

    private UserDirectory(List<UserProfile> users, Map<String, UserProfile> byKey) {
        this.users = users;
        this.byKey = byKey;
    }

    /** Users in {@code seq} order; later users win a key two of them share. */
    static UserDirectory of(Collection<UserProfile> usersInSeqOrder) {
        Map<String, UserProfile> byKey = new HashMap<>(usersInSeqOrder.size() * 4);
        for (UserProfile user : usersInSeqOrder) {
            for (String key : user.aliases()) {
                byKey.put(key, user);
            }
        }
        return new UserDirectory(List.copyOf(usersInSeqOrder), Map.copyOf(byKey));
    }

    /** The user stored under {@code user:<key>}, or null. */
    public UserProfile find(String key) {
        return key == null ? null : byKey.get(key);
    }

    /** All users, in {@code seq} order. */
    public List<UserProfile> all() {
        return users;
    }

    public int size() {
        return users.size();
    }
}
