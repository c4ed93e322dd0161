package org.stackvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Changes through Gerrit, each one unit of records in the order the dashboard needs them:
 * the review (change request), then every patch set followed by the marks given on it
 * (Code-Review, Workflow, "Self-" when the reviewer uploaded the patch set), an Abandon
 * for abandoned changes, and for most merged changes the commit that landed, dated at the
 * merge as the processor re-dates it. Everything shares module and branch; marks point at
 * an existing review and patch set; disagreements are computed against the module's core
 * reviewers as the processor's {@code _close_patch} does. A small share of changes is
 * proposed by robots. Single-threaded.
 */
final class Changes {
    private final Chance chance;
    private final Timeline timeline;
    private final Population people;
    private final Attribution attribution;
    private final Commits commits;
    private final WeightedPicker<StoredReference.Module> reviewedModules;
    private final Supplier<Long> recentBug;
    /** Gerrit came in the Diablo cycle: no change before. */
    private final int reviewsFrom;

    private long nextChangeNumber = 1000;

    private static final String[] TOPIC_WORDS = {
        "python3",
        "cleanup",
        "api-ref",
        "docs",
        "config",
        "upgrade",
        "tests",
        "logging",
        "policy",
        "quota",
        "scheduler",
        "rbac",
        "zuulv3",
        "pep8",
        "requirements"
    };

    Changes(
            Chance chance,
            Population people,
            Attribution attribution,
            Commits commits,
            WeightedPicker<StoredReference.Module> reviewedModules,
            Supplier<Long> recentBug) {
        this.chance = chance;
        this.timeline = attribution.timeline();
        this.people = people;
        this.attribution = attribution;
        this.commits = commits;
        this.reviewedModules = reviewedModules;
        this.recentBug = recentBug;
        this.reviewsFrom = timeline.periodOf(Timeline.parseDefaultDataDate("2011-Jul-15"));
    }

    /** A mark planned on a patch set before records are made. */
    private static final class PlannedMark {
        final Person reviewer;
        final String type;
        final int value;
        long date;

        PlannedMark(Person reviewer, String type, int value) {
            this.reviewer = reviewer;
            this.type = type;
            this.value = value;
        }
    }

    private static final class PlannedPatch {
        final int number;
        final Person uploader;
        long date;
        final List<PlannedMark> marks = new ArrayList<>();

        PlannedPatch(int number, Person uploader) {
            this.number = number;
            this.uploader = uploader;
        }
    }

    /** One change: its review, patch sets, marks and maybe its commit, in that order. */
    List<Map<String, Object>> change() {
        boolean robotOwned = !people.robots.isEmpty() && chance.below(1000) < 15;
        long created = timeline.sampleDate(chance.random, reviewsFrom, timeline.periods() - 1);
        int period = timeline.periodOf(created);
        Person owner = robotOwned ? people.robots.pick(chance.random) : people.reviewers.pickAt(chance.random, period);
        StoredReference.Module module = reviewedModules.pick(chance.random);
        String branch = module.branch();
        if (chance.percent(8) && period > 0) {
            branch = "stable/" + timeline.periodName(Math.max(0, period - 1 - chance.below(2)));
        }
        int roll = chance.below(100);
        String status = roll < 70 ? "MERGED" : roll < 87 ? "ABANDONED" : "NEW";

        // plan patch sets and marks in time order
        List<PlannedPatch> patches = new ArrayList<>();
        int patchCount = 1;
        while (patchCount < 40 && chance.below(1000) < 466) {
            patchCount++;
        }
        long t = created;
        for (int n = 1; n <= patchCount; n++) {
            Person uploader =
                    robotOwned || n == 1 || chance.percent(90) ? owner : people.reviewers.pickAt(chance.random, period);
            PlannedPatch patch = new PlannedPatch(n, uploader);
            if (n > 1) {
                t += 600 + (long) chance.exponential(1.2 * Timeline.DAY);
            }
            patch.date = t;
            boolean last = n == patchCount;
            int markCount = chance.poisson(last ? 3.3 : 2.4);
            for (int i = 0; i < markCount; i++) {
                patch.marks.add(codeReview(module, branch, uploader, period));
            }
            if (!robotOwned && chance.percent(7)) {
                patch.marks.add(new PlannedMark(uploader, "Self-Workflow", -1));
            }
            if (last && "MERGED".equals(status)) {
                Person approver = people.coreAt(chance.random, module.name(), period);
                if (approver == null) {
                    approver = people.reviewers.pickAt(chance.random, period);
                }
                patch.marks.add(new PlannedMark(approver, approver == uploader ? "Self-Workflow" : "Workflow", 1));
            }
            for (PlannedMark mark : patch.marks) {
                t += 60 + (long) chance.exponential(6 * 3600);
                mark.date = t;
            }
            patches.add(patch);
        }
        PlannedPatch lastPatch = patches.get(patches.size() - 1);
        PlannedMark abandon = null;
        if ("ABANDONED".equals(status)) {
            Person core = people.coreAt(chance.random, module.name(), period);
            Person by = chance.percent(75) || core == null ? owner : core;
            abandon = new PlannedMark(by, by == lastPatch.uploader ? "Self-Abandon" : "Abandon", 0);
            t += 3600 + (long) chance.exponential(5 * Timeline.DAY);
            abandon.date = t;
        }
        long lastUpdated = "MERGED".equals(status)
                ? t + 300 + chance.below(7200)
                : "ABANDONED".equals(status) ? t : t + chance.below(3 * 86_400);
        // keep the whole change inside the calendar
        long overflow = lastUpdated - (timeline.lastDate() - 1);
        if (overflow > 0) {
            created -= overflow;
            lastUpdated -= overflow;
            for (PlannedPatch patch : patches) {
                patch.date -= overflow;
                patch.marks.forEach(m -> m.date -= overflow);
            }
            if (abandon != null) {
                abandon.date -= overflow;
            }
        }

        String changeId = "I" + chance.hex(40);
        String number = Long.toString(nextChangeNumber);
        nextChangeNumber += 1 + chance.below(40);
        String subject = Texts.subject(chance.random);
        Long bug = chance.percent(25) ? recentBug.get() : null;
        String body = Texts.commitBody(chance.random, bug == null ? null : bug.toString(), null, changeId);

        List<Map<String, Object>> records = new ArrayList<>();
        records.add(review(
                owner, module, branch, status, changeId, number, subject, body, bug, created, lastUpdated, lastPatch));
        for (PlannedPatch patch : patches) {
            records.add(patch(patch, module, branch, changeId));
            List<Map<String, Object>> codeReviews = new ArrayList<>();
            List<Person> codeReviewers = new ArrayList<>();
            for (PlannedMark mark : patch.marks) {
                Map<String, Object> record = mark(mark, patch, module, branch, changeId);
                records.add(record);
                if ("Code-Review".equals(mark.type)) {
                    codeReviews.add(record);
                    codeReviewers.add(mark.reviewer);
                }
            }
            markDisagreements(codeReviews, codeReviewers, module.name(), branch);
        }
        if (abandon != null) {
            records.add(mark(abandon, lastPatch, module, branch, changeId));
        }
        if ("MERGED".equals(status) && !robotOwned && chance.percent(80)) {
            long authored = created - chance.below(2 * 86_400);
            Map<String, Object> commit =
                    commits.commit(owner, module, bug, null, authored, changeId, subject, body, branch);
            commit.put("date", lastUpdated);
            // the processor re-dates the commit of a merged change at the merge
            commit.put("release", timeline.releaseOf(lastUpdated));
            commit.put("week", Timeline.week(lastUpdated));
            records.add(commit);
        }
        return records;
    }

    /** A Code-Review vote: from the uploader now and then, from a core reviewer often, rarely from a robot. */
    private PlannedMark codeReview(StoredReference.Module module, String branch, Person uploader, int period) {
        int roll = chance.below(1000);
        if (roll < 3 && !people.robots.isEmpty()) {
            Person robot = people.robots.pick(chance.random);
            return new PlannedMark(
                    robot, robot == uploader ? "Self-Code-Review" : "Code-Review", chance.below(4) == 0 ? -1 : 1);
        }
        if (roll < 80 && !uploader.robot()) {
            boolean core = people.isCore(module.name(), branch, uploader);
            // only core reviewers may give +2 and -2, also on their own patch sets
            return new PlannedMark(
                    uploader,
                    "Self-Code-Review",
                    core ? chance.weighted(2, 35, 1, 45, -1, 15, -2, 5) : chance.weighted(1, 7, -1, 3));
        }
        Person reviewer = chance.percent(35) ? people.coreAt(chance.random, module.name(), period) : null;
        for (int attempt = 0; attempt < 4 && (reviewer == null || reviewer == uploader); attempt++) {
            reviewer = people.reviewers.pickAt(chance.random, period);
        }
        if (reviewer == uploader) {
            return new PlannedMark(uploader, "Self-Code-Review", chance.weighted(1, 7, -1, 3));
        }
        // only core reviewers may give +2 and -2
        int value = people.isCore(module.name(), branch, reviewer)
                ? chance.weighted(2, 64, 1, 12, -1, 14, -2, 8, 0, 2)
                : chance.weighted(1, 72, -1, 25, 0, 3);
        return new PlannedMark(reviewer, "Code-Review", value);
    }

    /**
     * The processor's {@code _close_patch}: on a patch set with two marks or more, newest
     * first, the first mark of a core reviewer sets the reference vote; every other mark
     * disagrees when its sign is opposite to that vote.
     */
    private void markDisagreements(
            List<Map<String, Object>> codeReviews, List<Person> reviewers, String module, String branch) {
        if (codeReviews.size() < 2) {
            return;
        }
        long coreMark = 0;
        for (int i = codeReviews.size() - 1; i >= 0; i--) {
            Map<String, Object> mark = codeReviews.get(i);
            long value = (Long) mark.get("value");
            if (coreMark == 0 && people.isCore(module, branch, reviewers.get(i))) {
                coreMark = value;
                continue;
            }
            mark.put("disagreement", coreMark != 0 && (coreMark < 0 && value > 0 || coreMark > 0 && value < 0));
        }
    }

    private Map<String, Object> review(
            Person owner,
            StoredReference.Module module,
            String branch,
            String status,
            String changeId,
            String number,
            String subject,
            String body,
            Long bug,
            long created,
            long lastUpdated,
            PlannedPatch lastPatch) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("project", module.project());
        r.put("branch", branch);
        String topic = bug != null ? "bug/" + bug : chance.percent(35) ? chance.pick(TOPIC_WORDS) : null;
        if (topic != null) {
            r.put("topic", topic);
        }
        r.put("id", changeId);
        r.put("number", number);
        r.put("subject", subject);
        r.put("url", "https://" + Commits.GERRIT_HOST + "/" + number);
        r.put("commitMessage", subject + "\n\n" + body);
        r.put("lastUpdated", lastUpdated);
        r.put("open", "NEW".equals(status));
        r.put("status", status);
        r.put("module", module.name());
        r.put("record_type", "review");
        r.put("primary_key", changeId);
        String email = attribution.emailAt(owner, created);
        r.put("gerrit_id", owner.gerritId);
        r.put("author_name", owner.displayName());
        r.put("author_email", email);
        r.put("date", created);
        // value: the lowest vote on the last patch set, CI's Verified vote included;
        // updated_on: when its first vote (normally CI's) came in
        long updatedOn = lastPatch.date;
        long value = 0;
        boolean voted = false;
        if (chance.below(10) < 9) {
            value = chance.weighted(1, 60, -1, 34, -2, 6);
            updatedOn = lastPatch.date + 900 + chance.below(5400);
            voted = true;
        }
        for (PlannedMark mark : lastPatch.marks) {
            value = voted ? Math.min(value, mark.value) : mark.value;
            if (!voted) {
                updatedOn = mark.date;
            }
            voted = true;
        }
        r.put("updated_on", updatedOn);
        r.put("value", value);
        attribution.apply(r, owner, created, email);
        return r;
    }

    private Map<String, Object> patch(
            PlannedPatch patch, StoredReference.Module module, String branch, String changeId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("record_type", "patch");
        p.put("primary_key", changeId + ":" + patch.number);
        p.put("number", Integer.toString(patch.number));
        p.put("date", patch.date);
        Person uploader = patch.uploader;
        String email = attribution.emailAt(uploader, patch.date);
        p.put("gerrit_id", uploader.gerritId);
        p.put("author_name", uploader.displayName());
        p.put("author_email", email);
        p.put("module", module.name());
        p.put("branch", branch);
        p.put("review_id", changeId);
        attribution.apply(p, uploader, patch.date, email);
        return p;
    }

    private Map<String, Object> mark(
            PlannedMark planned, PlannedPatch patch, StoredReference.Module module, String branch, String changeId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", planned.type);
        m.put("record_type", "mark");
        m.put("value", (long) planned.value);
        m.put("date", planned.date);
        // the processor keys a mark before it renames it "Self-...", so the key has the plain type
        m.put("primary_key", changeId + planned.date + planned.type.replace("Self-", ""));
        Person reviewer = planned.reviewer;
        String email = attribution.emailAt(reviewer, planned.date);
        m.put("gerrit_id", reviewer.gerritId);
        m.put("author_name", reviewer.displayName());
        m.put("author_email", email);
        m.put("module", module.name());
        m.put("branch", branch);
        m.put("review_id", changeId);
        m.put("patch", (long) patch.number);
        attribution.apply(m, reviewer, planned.date, email);
        return m;
    }
}
