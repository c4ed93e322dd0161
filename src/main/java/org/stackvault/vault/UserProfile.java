package org.stackvault.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of a stored user ({@code user:<seq>}) the queries use. The whole dict is not
 * kept (it costs more than the user's records): the user-profile endpoint fetches it by
 * key, as the original does. Immutable.
 */
public final class UserProfile {
    /** One entry of the company history: the company until {@code endDate} (0: open-ended). */
    public record Affiliation(String companyName, long endDate) {}

    /** Core reviewer of {@code module} on {@code branch}. */
    public record CoreRole(String module, String branch) {}

    private final long seq;
    private final String userId;
    private final String userName;
    private final List<Affiliation> companies;
    private final List<CoreRole> core;
    private final List<String> aliases;

    private UserProfile(
            long seq,
            String userId,
            String userName,
            List<Affiliation> companies,
            List<CoreRole> core,
            List<String> aliases) {
        this.seq = seq;
        this.userId = userId;
        this.userName = userName;
        this.companies = companies;
        this.core = core;
        this.aliases = aliases;
    }

    /** Parses a decoded user dict; null when it is not a usable user. */
    static UserProfile of(Object decoded) {
        return of(decoded, null);
    }

    /**
     * Parses a user dict read under {@code user:<storedUnder>}; null when it is not a dict,
     * or has no {@code user_id} and {@code storedUnder} is null. The dict's own {@code user_id}
     * wins; the key stands in for a dict without one, as the original, which finds a
     * record's user by that key alone, accepts it.
     */
    public static UserProfile of(Object decoded, String storedUnder) {
        if (!(decoded instanceof Map<?, ?> map)) {
            return null;
        }
        String userId = map.get("user_id") instanceof String s ? s : storedUnder;
        if (userId == null) {
            return null;
        }
        List<Affiliation> companies = new ArrayList<>();
        if (map.get("companies") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> c && c.get("company_name") instanceof String name) {
                    companies.add(new Affiliation(name, c.get("end_date") instanceof Number n ? n.longValue() : 0));
                }
            }
        }
        List<CoreRole> core = new ArrayList<>();
        if (map.get("core") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof List<?> pair && pair.size() == 2) {
                    core.add(new CoreRole(String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
                }
            }
        }
        Object name = map.get("user_name");
        return new UserProfile(
                map.get("seq") instanceof Number n ? n.longValue() : -1,
                userId,
                name instanceof String s ? s : null,
                List.copyOf(companies),
                List.copyOf(core),
                List.copyOf(aliases(map, userId)));
    }

    /** {@code seq}: the user's number, -1 when the stored dict has none. */
    public long seq() {
        return seq;
    }

    public String userId() {
        return userId;
    }

    /** {@code user_name}, or null when the processor has none. */
    public String userName() {
        return userName;
    }

    public List<Affiliation> companies() {
        return companies;
    }

    public List<CoreRole> core() {
        return core;
    }

    /**
     * The company at {@code now} (seconds), as the original picks it: the last entry whose
     * end date is still ahead, else the last entry.
     */
    public String currentCompany(long now) {
        if (companies.isEmpty()) {
            return null;
        }
        int index = companies.size() - 1;
        for (int i = 0; i < companies.size(); i++) {
            if (now < companies.get(i).endDate()) {
                index = i;
            }
        }
        return companies.get(index).companyName();
    }

    /** The keys this user is stored under ({@code user:<key>}), without the prefix. */
    List<String> aliases() {
        return aliases;
    }

    private static List<String> aliases(Map<?, ?> raw, String userId) {
        List<String> keys = new ArrayList<>();
        if (raw.get("seq") instanceof Number seq) {
            keys.add(Long.toString(seq.longValue()));
        }
        keys.addAll(aliasKeys(raw));
        if (!keys.contains(userId)) {
            keys.add(userId);
        }
        return keys;
    }

    /**
     * The keys besides {@code user:<seq>} that the processor (and its export) store a user
     * dict under, without the {@code user:} prefix, in the export's order: the user id, the
     * launchpad id, {@code gerrit:}, {@code member:}, {@code github:}, {@code zanata:} ids, and
     * each email; no duplicates.
     */
    public static List<String> aliasKeys(Map<?, ?> raw) {
        List<String> keys = new ArrayList<>();
        addIfText(keys, "", raw.get("user_id"));
        addIfText(keys, "", raw.get("launchpad_id"));
        addIfText(keys, "gerrit:", raw.get("gerrit_id"));
        addIfText(keys, "member:", raw.get("member_id"));
        addIfText(keys, "github:", raw.get("github_id"));
        addIfText(keys, "zanata:", raw.get("zanata_id"));
        if (raw.get("emails") instanceof java.util.Collection<?> emails) {
            for (Object email : emails) {
                addIfText(keys, "", email);
            }
        }
        return keys;
    }

    private static void addIfText(List<String> keys, String prefix, Object value) {
        if (value instanceof String s && !s.isEmpty() && !keys.contains(prefix + s)) {
            keys.add(prefix + s);
        }
    }
}
