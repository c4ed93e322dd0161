package org.stackvault.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.stackvault.query.Selection;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/** The original's {@code /report/large_commits}: the selected commits with more lines changed than a threshold. Stateless. */
public final class LargeCommits {
    /** The original's {@code loc_threshold} when none is given. */
    public static final int DEFAULT_THRESHOLD = 1000;

    /** A large commit; {@code changeId} is the commit's change ids (a list, as stored), null when it has none. */
    public record LargeCommit(long loc, String subject, String module, String primaryKey, List<String> changeId) {}

    private LargeCommits() {}

    /** The commits among {@code selection} with {@code loc > threshold}, in the vault's row order. */
    public static List<LargeCommit> of(Vault vault, Selection selection, long threshold) {
        RecordTable t = vault.records();
        List<Integer> rows = new ArrayList<>();
        for (int row : selection.rows()) {
            if (t.type(row) == RecordType.COMMIT && t.loc(row) > threshold) {
                rows.add(row);
            }
        }
        Map<Integer, Map<?, ?>> full = Stored.fetch(vault, Stored.toArray(rows));
        List<LargeCommit> commits = new ArrayList<>();
        for (int row : rows) {
            Map<?, ?> commit = full.get(row);
            if (commit != null) {
                commits.add(new LargeCommit(
                        t.loc(row),
                        Stored.text(commit.get("subject")),
                        Stored.text(commit.get("module")),
                        Stored.text(commit.get("primary_key")),
                        changeIds(commit.get("change_id"))));
            }
        }
        return List.copyOf(commits);
    }

    private static List<String> changeIds(Object stored) {
        if (stored instanceof Collection<?> ids) {
            List<String> out = new ArrayList<>(ids.size());
            ids.forEach(id -> out.add(Stored.text(id)));
            return List.copyOf(out);
        }
        return stored == null ? null : List.of(Stored.text(stored));
    }
}
