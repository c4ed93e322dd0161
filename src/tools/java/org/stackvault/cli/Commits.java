package org.stackvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Commit records as the processor makes them from {@code git log}: the message body with
 * its trailers, the ids mined from it ({@code bug_id}, {@code blueprint_id} as
 * "module:name", {@code change_id}), the diff stat, the branch as a Python set. Single-threaded.
 */
final class Commits {
    static final String GERRIT_HOST = "review.openstack.org";

    private final Chance chance;
    private final Timeline timeline;
    private final Attribution attribution;

    Commits(Chance chance, Attribution attribution) {
        this.chance = chance;
        this.timeline = attribution.timeline();
        this.attribution = attribution;
    }

    /**
     * A commit pushed directly or merged through a review that is not in the data set: a
     * Change-Id for half of those to reviewed modules, a recent bug for a fifth (or {@code bug}),
     * "Implements: blueprint" when {@code blueprint} is given.
     */
    Map<String, Object> standalone(
            Person author,
            StoredReference.Module module,
            Long bug,
            String blueprint,
            long date,
            Supplier<Long> recentBug) {
        String changeId = module.reviewed() && chance.coin() ? "I" + chance.hex(40) : null;
        Long bugNumber = bug != null ? bug : chance.percent(20) ? recentBug.get() : null;
        String body =
                Texts.commitBody(chance.random, bugNumber == null ? null : bugNumber.toString(), blueprint, changeId);
        String branch = module.branch();
        if (module.reviewed() && chance.percent(6) && timeline.periodOf(date) > 0) {
            branch = "stable/" + timeline.periodName(timeline.periodOf(date) - 1);
        }
        return commit(author, module, bugNumber, blueprint, date, changeId, Texts.subject(chance.random), body, branch);
    }

    Map<String, Object> commit(
            Person author,
            StoredReference.Module module,
            Long bug,
            String blueprint,
            long date,
            String changeId,
            String subject,
            String body,
            String branch) {
        Map<String, Object> c = new LinkedHashMap<>();
        String commitId = chance.hex(40);
        String email = attribution.emailAt(author, date);
        c.put("commit_id", commitId);
        c.put("date", date);
        c.put("author_name", author.displayName());
        c.put("author_email", email);
        c.put("subject", subject);
        c.put("message", body);
        int files = 1;
        while (files < 60 && chance.percent(55)) {
            files++;
        }
        // lines changed are log-normal: mostly small changes, a long tail of big ones
        long added = Math.min(20_000, Math.round(StrictMath.exp(3.0 + 1.3 * chance.gaussian())));
        long deleted = Math.max(0, Math.min(20_000, Math.round(StrictMath.exp(2.0 + 1.4 * chance.gaussian())) - 1));
        c.put("files_changed", (long) files);
        c.put("lines_added", added);
        c.put("lines_deleted", deleted);
        if (bug != null) {
            c.put("bug_id", new ArrayList<>(List.of(bug.toString())));
        }
        if (blueprint != null) {
            c.put("blueprint_id", new ArrayList<>(List.of(module.name() + ":" + blueprint)));
        }
        if (changeId != null) {
            c.put("change_id", new ArrayList<>(List.of(changeId)));
        }
        c.put("module", module.name());
        c.put("branches", new LinkedHashSet<>(List.of(branch)));
        c.put("release", timeline.releaseOf(date));
        c.put("gerrit_hostname", GERRIT_HOST);
        c.put("record_type", "commit");
        c.put("primary_key", commitId);
        c.put("loc", added + deleted);
        c.put("commit_date", date);
        attribution.apply(c, author, date, email);
        return c;
    }
}
