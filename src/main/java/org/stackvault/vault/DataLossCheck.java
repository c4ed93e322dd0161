package org.stackvault.vault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rule a refresh is checked by before it publishes: a new vault must not lack anything
 * the serving vault has, because only a memcached that restarted or evicts loses data (the
 * processor never deletes a record or reference data); an operator's {@code reload()}
 * publishes regardless. Stateless.
 */
final class DataLossCheck {
    private DataLossCheck() {}

    /**
     * Why {@code next} must not replace {@code previous}, or null when it may. Lacking means a record
     * slot below {@code record:count} without a value that the serving vault did not lack too
     * (before the first vault: any such slot), a reference key the serving vault had, the
     * profile of a user the records still name that the serving vault had (an evicted
     * {@code user:<seq>}; a user the processor merged away is named by no record any more),
     * or no records at all.
     */
    static String refusal(Vault previous, Vault next) {
        String advice = ": memcached restarted or evicting? Not published; reload() publishes the source as it is";
        int previousSlots = previous.records().size();
        if (next.records().size() == 0 && (previous.generation() == 0 || previousSlots > 0)) {
            return "the source holds no records (no record:count)" + advice;
        }
        int[] had = previous.missingRows();
        List<String> examples = new ArrayList<>();
        long lost = 0;
        for (int row : next.missingRows()) {
            if (Arrays.binarySearch(had, row) < 0) {
                lost++;
                if (examples.size() < 3) {
                    examples.add("record:" + row);
                }
            }
        }
        int nextSlots = next.records().size();
        if (nextSlots < previousSlots) {
            int at = Arrays.binarySearch(had, nextSlots);
            int alreadyMissing = had.length - (at >= 0 ? at : -at - 1);
            int beyond = previousSlots - nextSlots - alreadyMissing;
            if (beyond > 0) {
                lost += beyond;
                examples.add("record:" + nextSlots + " ... record:" + (previousSlots - 1));
            }
        }
        if (lost > 0) {
            return "the source lacks " + lost + (lost == 1 ? " record" : " records")
                    + " the serving vault does not lack (" + String.join(", ", examples) + "; record:count " + nextSlots
                    + ")" + advice;
        }
        List<String> lostUsers = lostUsers(previous, next);
        if (!lostUsers.isEmpty()) {
            int n = lostUsers.size();
            return "the source lacks " + n + (n == 1 ? " user profile" : " user profiles")
                    + " that records name and the serving vault has ("
                    + String.join(", ", lostUsers.subList(0, Math.min(3, n))) + (n > 3 ? ", ..." : "") + ")" + advice;
        }
        List<String> keys = new ArrayList<>();
        for (String key : ReferenceData.REQUIRED_KEYS) {
            if (previous.reference().storedKeys().contains(key)
                    && !next.reference().storedKeys().contains(key)) {
                keys.add(key);
            }
        }
        if (!keys.isEmpty()) {
            boolean one = keys.size() == 1;
            return String.join(", ", keys) + (one ? " is" : " are") + " missing from the source (the serving vault has "
                    + (one ? "it)" : "them)") + advice;
        }
        return null;
    }

    /** User ids named by records of {@code next} without a profile there, that {@code previous} had one for. */
    private static List<String> lostUsers(Vault previous, Vault next) {
        List<String> lost = new ArrayList<>();
        StringDictionary users = next.dictionaries().users();
        for (int code = 1; code < users.size(); code++) {
            if (next.userProfile(code) == null && next.records().rowsOfUser(code) > 0) {
                int before = previous.dictionaries().users().code(users.value(code));
                if (before > 0 && previous.userProfile(before) != null) {
                    lost.add(users.value(code));
                }
            }
        }
        return lost;
    }
}
