package org.stackvault.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the activity records of a data set, field for field as the Stackalytics processor
 * emits them, and hands them out one by one (nothing is held beyond one unit of work).
 *
 * <p>Records come in units that keep what the dashboard relies on consistent:
 * <ul>
 * <li>a <b>change</b>: its review, then each patch set followed by the marks on it (Code-Review,
 * Workflow, Abandon; "Self-" when the reviewer uploaded the patch set), and for most merged
 * changes the commit that landed, dated at the merge as the processor re-dates it. All share
 * module and branch; marks point at an existing review and patch set; disagreements are
 * computed against the module's core reviewers as the processor does;</li>
 * <li>a <b>blueprint</b>: drafted (bpd), maybe completed (bpc), and the commits and emails that
 * mention it, so its mention count and date are exact;</li>
 * <li>a <b>bug</b>: filed (bugf), and resolved (bugr) when fixed;</li>
 * <li>single emails, commits pushed without review, translations and foundation members.</li>
 * </ul>
 * Unit frequencies are set so that, by count, about half the records are marks, 15% patch
 * sets, 10% commits, 8% reviews, 8% emails, the rest bugs, blueprints, translations and
 * members; robots own a small share of changes. Single-threaded.
 */
final class ActivityGenerator {
    /** Receives the records in order; the record id is the position. */
    @FunctionalInterface
    interface RecordSink {
        void accept(Map<String, Object> record) throws IOException;
    }

    private enum Unit { CHANGE, BLUEPRINT, BUG, EMAIL, COMMIT, TRANSLATION, MEMBER }

    // Units per record of the data set; a change yields about 10 records, a blueprint 2.5,
    // a bug 1.6 (see the class comment for the resulting mix).
    private static final double[] UNIT_WEIGHTS = {0.0800, 0.0120, 0.0250, 0.0740, 0.0520, 0.0200, 0.0120};

    private static final String[][] LANGUAGES = {{"de", "German"}, {"fr", "French"}, {"ja", "Japanese"},
        {"ko-KR", "Korean (South Korea)"}, {"zh-CN", "Chinese (China)"}, {"zh-TW", "Chinese (Taiwan)"},
        {"es", "Spanish"}, {"it", "Italian"}, {"ru", "Russian"}, {"pt-BR", "Portuguese (Brazil)"},
        {"id", "Indonesian"}, {"tr-TR", "Turkish (Turkey)"}, {"cs", "Czech"}, {"en-GB", "English (United Kingdom)"}};
    private static final String[] BUG_OPEN_STATUSES = {"New", "Confirmed", "Triaged", "In Progress", "Incomplete",
        "Invalid", "Won't Fix", "Opinion"};
    private static final String[] IMPORTANCES = {"Undecided", "Wishlist", "Low", "Medium", "High", "Critical"};
    private static final String[] DEFINITION_STATUSES = {"Approved", "Approved", "Approved", "New", "New",
        "Discussion", "Drafting", "Pending Approval", "Review", "Obsolete"};
    private static final String[] OPEN_IMPLEMENTATION = {"Unknown", "Not started", "Started", "Slow progress",
        "Good progress", "Beta Available", "Needs Code Review", "Blocked", "Deferred"};
    private static final String[] PRIORITIES = {"Undefined", "Low", "Medium", "High", "Essential", "Not"};
    private static final String[] TOPIC_WORDS = {"python3", "cleanup", "api-ref", "docs", "config", "upgrade",
        "tests", "logging", "policy", "quota", "scheduler", "rbac", "zuulv3", "pep8", "requirements"};
    private static final String[] DRAFT_PREFIXES = {"Acme", "Nimbus", "Blue Sky", "Stratus", "Orbit", "Northwind",
        "Cumulus", "Helix", "Vertex", "Quantum Leap"};
    private static final String[] DRAFT_SUFFIXES = {"Systems", "Cloud", "Labs", "Technologies, Inc.", "Solutions",
        "GmbH", "Ltd", "Consulting"};
    private static final String[] INDEPENDENT_DRAFTS = {"Independent", "Unaffiliated", "Self Employed", "Individual"};
    private static final DateTimeFormatter MEMBER_DATE = DateTimeFormatter.ofPattern("MMMM dd, yyyy ", Locale.US);

    private static final String GERRIT_HOST = "review.openstack.org";

    private final Timeline timeline;
    private final Companies companies;
    private final Population people;
    private final SplittableRandom random;
    private final WeightedPicker<StoredReference.Module> reviewedModules;
    private final WeightedPicker<StoredReference.Module> launchpadModules;
    private final WeightedPicker<StoredReference.Module> translatedModules;
    private final WeightedPicker<StoredReference.Module> anyModule;
    private final WeightedPicker<Unit> units;
    private final int reviewsFrom;
    private final int translationsFrom;
    private final int membersFrom;

    private long nextChangeNumber = 1000;
    private long nextBugNumber = 200_000;
    private long nextMemberId = 1000;
    private final long[] recentBugs = new long[256];
    private int bugsFiled;
    private final Set<String> blueprintIds = new HashSet<>();
    private final Set<String> translationKeys = new HashSet<>();

    ActivityGenerator(StoredReference reference, Population people, SplittableRandom random) {
        this.timeline = reference.timeline();
        this.companies = reference.companies();
        this.people = people;
        this.random = random;
        List<StoredReference.Module> modules = reference.modules();
        this.anyModule = new WeightedPicker<>(modules, StoredReference.Module::weight);
        this.reviewedModules = orAll(modules.stream().filter(StoredReference.Module::reviewed).toList(), modules);
        this.launchpadModules = orAll(modules.stream().filter(StoredReference.Module::launchpad).toList(),
                reviewedModules.items());
        this.translatedModules = orAll(modules.stream().filter(StoredReference.Module::translated).toList(),
                reviewedModules.items());
        List<Unit> kinds = new ArrayList<>(List.of(Unit.values()));
        this.units = new WeightedPicker<>(kinds, u -> UNIT_WEIGHTS[u.ordinal()]);
        // Gerrit came in the Diablo cycle, the foundation in 2012, Zanata translations in 2015
        this.reviewsFrom = timeline.periodOf(Timeline.parseDefaultDataDate("2011-Jul-15"));
        this.membersFrom = timeline.periodOf(Timeline.parseDefaultDataDate("2012-Jul-01"));
        this.translationsFrom = timeline.periodOf(Timeline.parseDefaultDataDate("2015-Jun-01"));
    }

    private static WeightedPicker<StoredReference.Module> orAll(List<StoredReference.Module> some,
            List<StoredReference.Module> all) {
        return new WeightedPicker<>(some.isEmpty() ? all : some, StoredReference.Module::weight);
    }

    /** Makes exactly {@code count} records. */
    void generate(long count, RecordSink sink) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            Unit unit = units.pick(random);
            List<Map<String, Object>> records = make(unit);
            if (records.size() > remaining) {
                // the last unit must fit: a change can stop early (what is kept still refers
                // only backwards), anything else gives way to single emails
                records = unit == Unit.CHANGE ? records.subList(0, (int) remaining) : email(null);
            }
            for (Map<String, Object> record : records) {
                sink.accept(record);
            }
            remaining -= records.size();
        }
    }

    private List<Map<String, Object>> make(Unit unit) {
        return switch (unit) {
            case CHANGE -> change();
            case BLUEPRINT -> blueprint();
            case BUG -> bug();
            case EMAIL -> email(null);
            case COMMIT -> {
                long date = anyDate(0);
                yield List.of(commit(people.contributors.pickAt(random, timeline.periodOf(date)),
                        anyModule.pick(random), null, null, date));
            }
            case TRANSLATION -> List.of(translation());
            case MEMBER -> List.of(member());
        };
    }

    // ---------------------------------------------------------------- changes

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

    private List<Map<String, Object>> change() {
        boolean robotOwned = !people.robots.isEmpty() && random.nextInt(1000) < 15;
        long created = anyDate(reviewsFrom);
        int period = timeline.periodOf(created);
        Person owner = robotOwned ? people.robots.pick(random) : people.reviewers.pickAt(random, period);
        StoredReference.Module module = reviewedModules.pick(random);
        String branch = module.branch();
        if (random.nextInt(100) < 8 && period > 0) {
            branch = "stable/" + timeline.periodName(Math.max(0, period - 1 - random.nextInt(2)));
        }
        int roll = random.nextInt(100);
        String status = roll < 70 ? "MERGED" : roll < 87 ? "ABANDONED" : "NEW";

        // plan patch sets and marks in time order
        List<PlannedPatch> patches = new ArrayList<>();
        int patchCount = 1;
        while (patchCount < 40 && random.nextInt(1000) < 466) {
            patchCount++;
        }
        long t = created;
        for (int n = 1; n <= patchCount; n++) {
            Person uploader = robotOwned || n == 1 || random.nextInt(100) < 90 ? owner
                    : people.reviewers.pickAt(random, period);
            PlannedPatch patch = new PlannedPatch(n, uploader);
            if (n > 1) {
                t += 600 + (long) exponential(1.2 * Timeline.DAY);
            }
            patch.date = t;
            boolean last = n == patchCount;
            int markCount = poisson(last ? 3.3 : 2.4);
            for (int i = 0; i < markCount; i++) {
                patch.marks.add(codeReview(module, branch, uploader, period));
            }
            if (!robotOwned && random.nextInt(100) < 7) {
                patch.marks.add(new PlannedMark(uploader, "Self-Workflow", -1));
            }
            if (last && "MERGED".equals(status)) {
                Person approver = people.coreAt(random, module.name(), period);
                if (approver == null) {
                    approver = people.reviewers.pickAt(random, period);
                }
                patch.marks.add(new PlannedMark(approver, approver == uploader ? "Self-Workflow" : "Workflow", 1));
            }
            for (PlannedMark mark : patch.marks) {
                t += 60 + (long) exponential(6 * 3600);
                mark.date = t;
            }
            patches.add(patch);
        }
        PlannedPatch lastPatch = patches.get(patches.size() - 1);
        PlannedMark abandon = null;
        if ("ABANDONED".equals(status)) {
            Person core = people.coreAt(random, module.name(), period);
            Person by = random.nextInt(100) < 75 || core == null ? owner : core;
            abandon = new PlannedMark(by, by == lastPatch.uploader ? "Self-Abandon" : "Abandon", 0);
            t += 3600 + (long) exponential(5 * Timeline.DAY);
            abandon.date = t;
        }
        long lastUpdated = "MERGED".equals(status) ? t + 300 + random.nextInt(7200)
                : "ABANDONED".equals(status) ? t : t + random.nextInt(3 * 86_400);
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

        String changeId = "I" + Texts.hex(random, 40);
        String number = Long.toString(nextChangeNumber);
        nextChangeNumber += 1 + random.nextInt(40);
        String subject = Texts.subject(random);
        Long bug = random.nextInt(100) < 25 ? referencedBug() : null;
        String body = Texts.commitBody(random, bug == null ? null : bug.toString(), null, changeId);

        List<Map<String, Object>> records = new ArrayList<>();
        records.add(review(owner, module, branch, status, changeId, number, subject, body, bug, created, lastUpdated,
                lastPatch));
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
        if ("MERGED".equals(status) && !robotOwned && random.nextInt(100) < 80) {
            long authored = created - random.nextInt(2 * 86_400);
            Map<String, Object> commit = commit(owner, module, bug, null, authored, changeId, subject, body, branch);
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
        int roll = random.nextInt(1000);
        if (roll < 3 && !people.robots.isEmpty()) {
            Person robot = people.robots.pick(random);
            return new PlannedMark(robot, robot == uploader ? "Self-Code-Review" : "Code-Review",
                    random.nextInt(4) == 0 ? -1 : 1);
        }
        if (roll < 80 && !uploader.robot()) {
            boolean core = people.isCore(module.name(), branch, uploader);
            return new PlannedMark(uploader, "Self-Code-Review", core ? pick(-2, 2, 3, 1, 6, 4, -1, 2, 0, 0)
                    : pick(1, 7, -1, 3));
        }
        Person reviewer = random.nextInt(100) < 35 ? people.coreAt(random, module.name(), period) : null;
        for (int attempt = 0; attempt < 4 && (reviewer == null || reviewer == uploader); attempt++) {
            reviewer = people.reviewers.pickAt(random, period);
        }
        if (reviewer == uploader) {
            return new PlannedMark(uploader, "Self-Code-Review", pick(1, 7, -1, 3));
        }
        // only core reviewers may give +2 and -2
        int value = people.isCore(module.name(), branch, reviewer)
                ? pick(2, 64, 1, 12, -1, 14, -2, 8, 0, 2)
                : pick(1, 72, -1, 25, 0, 3);
        return new PlannedMark(reviewer, "Code-Review", value);
    }

    /** One of several values with integer weights: value, weight, value, weight... */
    private int pick(int... valueWeightPairs) {
        int total = 0;
        for (int i = 1; i < valueWeightPairs.length; i += 2) {
            total += valueWeightPairs[i];
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < valueWeightPairs.length; i += 2) {
            roll -= valueWeightPairs[i + 1];
            if (roll < 0) {
                return valueWeightPairs[i];
            }
        }
        return valueWeightPairs[valueWeightPairs.length - 2];
    }

    /**
     * The processor's {@code _close_patch}: on a patch set with two marks or more, newest
     * first, the first mark of a core reviewer sets the reference vote; every other mark
     * disagrees when its sign is opposite to that vote.
     */
    private void markDisagreements(List<Map<String, Object>> codeReviews, List<Person> reviewers, String module,
            String branch) {
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

    private Map<String, Object> review(Person owner, StoredReference.Module module, String branch, String status,
            String changeId, String number, String subject, String body, Long bug, long created, long lastUpdated,
            PlannedPatch lastPatch) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("project", module.project());
        r.put("branch", branch);
        String topic = bug != null ? "bug/" + bug : random.nextInt(100) < 35 ? Texts.pick(random, TOPIC_WORDS) : null;
        if (topic != null) {
            r.put("topic", topic);
        }
        r.put("id", changeId);
        r.put("number", number);
        r.put("subject", subject);
        r.put("url", "https://" + GERRIT_HOST + "/" + number);
        r.put("commitMessage", subject + "\n\n" + body);
        r.put("lastUpdated", lastUpdated);
        r.put("open", "NEW".equals(status));
        r.put("status", status);
        r.put("module", module.name());
        r.put("record_type", "review");
        r.put("primary_key", changeId);
        String email = owner.emailAt(created, companies);
        r.put("gerrit_id", owner.gerritId);
        r.put("author_name", owner.displayName());
        r.put("author_email", email);
        r.put("date", created);
        // value: the lowest vote on the last patch set, CI's Verified vote included;
        // updated_on: when its first vote (normally CI's) came in
        long updatedOn = lastPatch.date;
        long value = 0;
        boolean voted = false;
        if (random.nextInt(10) < 9) {
            value = pick(1, 60, -1, 34, -2, 6);
            updatedOn = lastPatch.date + 900 + random.nextInt(5400);
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
        attribute(r, owner, created, email);
        return r;
    }

    private Map<String, Object> patch(PlannedPatch patch, StoredReference.Module module, String branch, String changeId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("record_type", "patch");
        p.put("primary_key", changeId + ":" + patch.number);
        p.put("number", Integer.toString(patch.number));
        p.put("date", patch.date);
        Person uploader = patch.uploader;
        String email = uploader.emailAt(patch.date, companies);
        p.put("gerrit_id", uploader.gerritId);
        p.put("author_name", uploader.displayName());
        p.put("author_email", email);
        p.put("module", module.name());
        p.put("branch", branch);
        p.put("review_id", changeId);
        attribute(p, uploader, patch.date, email);
        return p;
    }

    private Map<String, Object> mark(PlannedMark planned, PlannedPatch patch, StoredReference.Module module,
            String branch, String changeId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", planned.type);
        m.put("record_type", "mark");
        m.put("value", (long) planned.value);
        m.put("date", planned.date);
        // the processor keys a mark before it renames it "Self-...", so the key has the plain type
        m.put("primary_key", changeId + planned.date + planned.type.replace("Self-", ""));
        Person reviewer = planned.reviewer;
        String email = reviewer.emailAt(planned.date, companies);
        m.put("gerrit_id", reviewer.gerritId);
        m.put("author_name", reviewer.displayName());
        m.put("author_email", email);
        m.put("module", module.name());
        m.put("branch", branch);
        m.put("review_id", changeId);
        m.put("patch", (long) patch.number);
        attribute(m, reviewer, planned.date, email);
        return m;
    }

    // ---------------------------------------------------------------- commits

    /** A commit by {@code author} to {@code module}, pushed directly or merged through a review not in the data set. */
    private Map<String, Object> commit(Person author, StoredReference.Module module, Long bug, String blueprint,
            long when) {
        String changeId = module.reviewed() && random.nextBoolean() ? "I" + Texts.hex(random, 40) : null;
        Long bugNumber = bug != null ? bug : random.nextInt(100) < 20 ? referencedBug() : null;
        String body = Texts.commitBody(random, bugNumber == null ? null : bugNumber.toString(), blueprint, changeId);
        String branch = module.branch();
        if (module.reviewed() && random.nextInt(100) < 6 && timeline.periodOf(when) > 0) {
            branch = "stable/" + timeline.periodName(timeline.periodOf(when) - 1);
        }
        return commit(author, module, bugNumber, blueprint, when, changeId, Texts.subject(random), body, branch);
    }

    private Map<String, Object> commit(Person author, StoredReference.Module module, Long bug, String blueprint,
            long date, String changeId, String subject, String body, String branch) {
        Map<String, Object> c = new LinkedHashMap<>();
        String commitId = Texts.hex(random, 40);
        String email = author.emailAt(date, companies);
        c.put("commit_id", commitId);
        c.put("date", date);
        c.put("author_name", author.displayName());
        c.put("author_email", email);
        c.put("subject", subject);
        c.put("message", body);
        int files = 1;
        while (files < 60 && random.nextInt(100) < 55) {
            files++;
        }
        // lines changed are log-normal: mostly small changes, a long tail of big ones
        long added = Math.min(20_000, Math.round(StrictMath.exp(3.0 + 1.3 * gaussian())));
        long deleted = Math.min(20_000, Math.round(StrictMath.exp(2.0 + 1.4 * gaussian())) - 1);
        c.put("files_changed", (long) files);
        c.put("lines_added", added);
        c.put("lines_deleted", Math.max(0, deleted));
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
        c.put("loc", added + Math.max(0, deleted));
        c.put("commit_date", date);
        attribute(c, author, date, email);
        return c;
    }

    // ---------------------------------------------------------------- emails

    /**
     * A mailing-list post. When it mentions a blueprint ({@code blueprintId} "module:name") it
     * keeps its body with the link, and its module is the blueprint's unless the subject tags
     * another; otherwise the module is the one tagged in the subject, or 'unknown'.
     */
    private List<Map<String, Object>> email(String[] blueprint) {
        long date = anyDate(0);
        return List.of(email(people.contributors.pickAt(random, timeline.periodOf(date)), blueprint, date));
    }

    private Map<String, Object> email(Person author, String[] blueprint, long when) {
        String email = author.emailAt(when, companies);
        String list = random.nextInt(100) < 80 ? "[openstack-dev]" : "[openstack]";
        String tagged = random.nextInt(100) < 40 ? reviewedModules.pick(random).name() : null;
        String subject = (random.nextInt(100) < 35 ? "Re: " : "") + list + " "
                + (tagged != null ? "[" + tagged + "] " : "") + Texts.subject(random);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("author_email", email);
        e.put("author_name", author.displayName());
        e.put("date", when);
        e.put("subject", subject);
        int at = email.indexOf('@');
        String messageId = "<" + Texts.hex(random, 24) + "@" + (at > 0 ? email.substring(at + 1) : "lists.openstack.org")
                + ">";
        e.put("message_id", messageId);
        List<String> bugs = new ArrayList<>();
        if (random.nextInt(100) < 10) {
            Long bug = referencedBug();
            if (bug != null) {
                bugs.add(bug.toString());
            }
        }
        List<String> blueprints = new ArrayList<>();
        String module = tagged;
        if (blueprint != null) {
            blueprints.add(blueprint[0] + ":" + blueprint[1]);
            e.put("body", Texts.paragraph(random) + "\n\nhttps://blueprints.launchpad.net/" + blueprint[0] + "/+spec/"
                    + blueprint[1] + "\n" + Texts.paragraph(random));
            if (module == null) {
                module = blueprint[0];
            }
        }
        e.put("bug_id", bugs);
        e.put("blueprint_id", blueprints);
        e.put("record_type", "email");
        e.put("primary_key", messageId);
        attribute(e, author, when, email);
        e.put("module", module == null ? "unknown" : module);
        return e;
    }

    // ---------------------------------------------------------------- blueprints

    private List<Map<String, Object>> blueprint() {
        StoredReference.Module module = launchpadModules.pick(random);
        long created = anyDate(0);
        int period = timeline.periodOf(created);
        Person drafter = people.launchpadUsers.pickAt(random, period);
        String name = Texts.blueprintName(random);
        String base = name;
        for (int n = 2; !blueprintIds.add(module.name() + ":" + name); n++) {
            name = base + "-" + n;
        }
        String id = module.name() + ":" + name;
        boolean complete = random.nextInt(100) < 50;
        boolean started = complete || random.nextInt(100) < 40;
        Person assignee = complete || random.nextBoolean() ? people.launchpadUsers.pickAt(random, period) : null;
        long end = timeline.lastDate() - 1;
        Long dateStarted = started ? Math.min(end, created + 3600 + (long) exponential(20 * Timeline.DAY)) : null;
        Long dateCompleted = complete ? Math.min(end, dateStarted + 3600 + (long) exponential(60 * Timeline.DAY)) : null;

        // mentions: commits implementing it and emails discussing it
        int mentions = pick(0, 40, 1, 30, 2, 20, 3, 7, 4, 3);
        List<Map<String, Object>> mentionRecords = new ArrayList<>();
        long mentionDate = 0;
        for (int i = 0; i < mentions; i++) {
            long date = Math.min(end, created + (long) exponential(45 * Timeline.DAY));
            Map<String, Object> record;
            if (random.nextBoolean()) {
                Person author = assignee != null ? assignee : drafter;
                record = commit(author, module, null, name, date);
            } else {
                record = email(people.contributors.pickAt(random, timeline.periodOf(date)),
                        new String[] {module.name(), name}, date);
            }
            mentionDate = Math.max(mentionDate, date);
            mentionRecords.add(record);
        }

        Person owner = random.nextInt(100) < 70 ? drafter : people.launchpadUsers.pickAt(random, period);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("title", Texts.titleOf(name));
        fields.put("summary", Texts.paragraph(random) + " " + Texts.paragraph(random));
        fields.put("whiteboard", random.nextInt(100) < 30 ? Texts.paragraph(random) : null);
        fields.put("workitems_text", "");
        fields.put("specification_url", random.nextBoolean() ? "https://specs.openstack.org/openstack/"
                + module.name() + "-specs/specs/" + name + ".html" : null);
        fields.put("definition_status", Texts.pick(random, DEFINITION_STATUSES));
        fields.put("implementation_status", complete ? "Implemented" : Texts.pick(random, OPEN_IMPLEMENTATION));
        fields.put("lifecycle_status", complete ? "Complete" : started ? "Started" : "Not started");
        fields.put("direction_approved", random.nextBoolean());
        fields.put("priority", Texts.pick(random, PRIORITIES));
        fields.put("information_type", "Public");
        fields.put("is_complete", complete);
        fields.put("is_started", started);
        fields.put("has_accepted_goal", random.nextInt(100) < 20);
        fields.put("http_etag", "\"" + Texts.hex(random, 40) + "-" + Texts.hex(random, 40) + "\"");
        fields.put("date_created", created);
        fields.put("date_started", dateStarted);
        fields.put("date_completed", dateCompleted);
        fields.put("owner", owner.launchpadId);
        fields.put("drafter", drafter.launchpadId);
        if (random.nextInt(100) < 40) {
            fields.put("approver", people.launchpadUsers.pickAt(random, period).launchpadId);
        }
        if (assignee != null) {
            fields.put("assignee", assignee.launchpadId);
        }
        if (started) {
            fields.put("starter", (assignee != null ? assignee : drafter).launchpadId);
        }
        if (complete) {
            fields.put("completer", assignee.launchpadId);
        }
        fields.put("module", module.name());
        fields.put("id", id);

        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> bpd = new LinkedHashMap<>(fields);
        bpd.put("record_type", "bpd");
        bpd.put("primary_key", "bpd:" + id);
        bpd.put("launchpad_id", drafter.launchpadId);
        bpd.put("date", created);
        bpd.put("web_link", "https://blueprints.launchpad.net/" + module.name() + "/+spec/" + name);
        attribute(bpd, drafter, created, drafter.emailAt(created, companies));
        bpd.put("mention_count", (long) mentions);
        bpd.put("mention_date", mentionDate);
        records.add(bpd);
        if (complete) {
            Map<String, Object> bpc = new LinkedHashMap<>(fields);
            bpc.put("record_type", "bpc");
            bpc.put("primary_key", "bpc:" + id);
            bpc.put("launchpad_id", assignee.launchpadId);
            bpc.put("date", dateCompleted);
            attribute(bpc, assignee, dateCompleted, assignee.emailAt(dateCompleted, companies));
            bpc.put("mention_count", (long) mentions);
            bpc.put("mention_date", mentionDate);
            records.add(bpc);
        }
        records.addAll(mentionRecords);
        return records;
    }

    // ---------------------------------------------------------------- bugs

    private List<Map<String, Object>> bug() {
        StoredReference.Module module = launchpadModules.pick(random);
        long created = anyDate(0);
        int period = timeline.periodOf(created);
        Person owner = people.launchpadUsers.pickAt(random, period);
        long number = nextBugNumber;
        nextBugNumber += 1 + random.nextInt(60);
        recentBugs[bugsFiled++ % recentBugs.length] = number;
        boolean fixed = random.nextInt(100) < 60;
        String status = fixed ? (random.nextInt(100) < 55 ? "Fix Released" : "Fix Committed")
                : Texts.pick(random, BUG_OPEN_STATUSES);
        Person assignee = fixed ? (random.nextInt(100) < 40 ? owner : people.launchpadUsers.pickAt(random, period))
                : random.nextBoolean() ? people.launchpadUsers.pickAt(random, period) : null;
        long end = timeline.lastDate() - 1;
        Long committed = null;
        Long released = null;
        if (fixed) {
            long fix = Math.min(end, created + 3600 + (long) exponential(30 * Timeline.DAY));
            if ("Fix Committed".equals(status) || random.nextInt(100) < 80) {
                committed = fix;
            }
            if ("Fix Released".equals(status)) {
                released = Math.min(end, fix + (long) exponential(40 * Timeline.DAY));
            }
        }
        String id = module.name() + "/" + number;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("owner", owner.launchpadId);
        if (assignee != null) {
            fields.put("assignee", assignee.launchpadId);
        }
        fields.put("web_link", "https://bugs.launchpad.net/" + module.name() + "/+bug/" + number);
        fields.put("status", status);
        fields.put("title", "Bug #" + number + " in " + module.name() + ": \"" + Texts.bugSummary(random) + "\"");
        fields.put("importance", Texts.pick(random, IMPORTANCES));
        fields.put("date_created", created);
        if (committed != null) {
            fields.put("date_fix_committed", committed);
        }
        if (released != null) {
            fields.put("date_fix_released", released);
        }
        fields.put("module", module.name());
        fields.put("id", id);

        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> filed = new LinkedHashMap<>(fields);
        filed.put("record_type", "bugf");
        filed.put("primary_key", "bugf:" + id);
        filed.put("launchpad_id", owner.launchpadId);
        filed.put("date", created);
        attribute(filed, owner, created, owner.emailAt(created, companies));
        records.add(filed);
        if (fixed) {
            long date = committed != null ? committed : released;
            Map<String, Object> resolved = new LinkedHashMap<>(fields);
            resolved.put("record_type", "bugr");
            resolved.put("primary_key", "bugr:" + id);
            resolved.put("launchpad_id", assignee.launchpadId);
            resolved.put("date", date);
            attribute(resolved, assignee, date, assignee.emailAt(date, companies));
            records.add(resolved);
        }
        return records;
    }

    /** A bug filed not long ago, or null before any was filed. */
    private Long referencedBug() {
        if (bugsFiled == 0) {
            return null;
        }
        return recentBugs[random.nextInt(Math.min(bugsFiled, recentBugs.length))];
    }

    // ---------------------------------------------------------------- translations and members

    private Map<String, Object> translation() {
        long date = Timeline.midnight(anyDate(translationsFrom));
        int period = timeline.periodOf(date);
        Person translator = people.translators.isEmpty() ? people.contributors.pickAt(random, period)
                : people.translators.pickAt(random, period);
        String zanataId = translator.zanataId != null ? translator.zanataId : translator.userId;
        StoredReference.Module module = translatedModules.pick(random);
        String branch = module.branch();
        if (random.nextInt(100) < 20 && period > 0) {
            branch = "stable/" + timeline.periodName(period - 1);
        }
        // one record per translator, module, day and branch: move on a day until the key is free
        String key;
        while (!translationKeys.add(key = "zanata:" + zanataId + ":" + module.name() + ":" + date + ":" + branch)) {
            date += Timeline.DAY;
        }
        String[] language = LANGUAGES[random.nextInt(LANGUAGES.length)];
        long translated = 1 + Math.round(StrictMath.exp(random.nextDouble() * 7.5));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("zanata_id", zanataId);
        t.put("date", date);
        t.put("language_code", language[0]);
        t.put("language", language[1]);
        t.put("module", module.name());
        t.put("branch", branch);
        t.put("translated", translated);
        t.put("record_type", "tr");
        t.put("primary_key", key);
        t.put("author_name", "zanata:" + zanataId);
        t.put("loc", translated);
        t.put("value", language[1]);
        attribute(t, translator, date, translator.emailAt(date, companies));
        return t;
    }

    private Map<String, Object> member() {
        String memberId = Long.toString(nextMemberId);
        nextMemberId += 1 + random.nextInt(25);
        String name = Texts.personName(random);
        String draft = companyDraft();
        String company = companies.companyOfDraft(draft);
        long date = Timeline.midnight(anyDate(membersFrom));
        Person member = people.addMember(memberId, name, company);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member_id", memberId);
        m.put("member_name", name);
        m.put("date_joined", Instant.ofEpochSecond(date).atOffset(ZoneOffset.UTC).format(MEMBER_DATE));
        m.put("member_uri", "https://www.openstack.org/community/members/profile/" + memberId);
        m.put("company_draft", draft);
        m.put("record_type", "member");
        m.put("primary_key", member.userId);
        m.put("date", date);
        m.put("author_name", name);
        m.put("module", "unknown");
        m.put("author_email", member.userId);
        m.put("company_name", company);
        m.put("user_id", member.userId);
        m.put("week", Timeline.week(date));
        m.put("release", timeline.releaseOf(date));
        return m;
    }

    /** What a member writes as affiliation: mostly a known company, sometimes "Independent", sometimes a small firm. */
    private String companyDraft() {
        int roll = random.nextInt(100);
        List<String> known = companies.names().stream().filter(n -> !n.startsWith("*")).toList();
        if (roll < 70 && !known.isEmpty()) {
            return known.get(random.nextInt(known.size()));
        }
        if (roll < 80) {
            return Texts.pick(random, INDEPENDENT_DRAFTS);
        }
        return Texts.pick(random, DRAFT_PREFIXES) + " " + Texts.pick(random, DRAFT_SUFFIXES);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * What the processor's {@code _update_record_and_user} and {@code _renew_record_date} add:
     * the author's user id, name and company at that date, the week and the release.
     */
    private void attribute(Map<String, Object> record, Person author, long date, String email) {
        record.put("user_id", author.userId);
        if (author.userName != null && !author.userName.isEmpty()) {
            record.put("author_name", author.userName);
        }
        record.put("company_name", author.companyAt(date, email, companies));
        record.put("week", Timeline.week(date));
        record.putIfAbsent("release", timeline.releaseOf(date));
    }

    /**
     * A date from period {@code from} on, as activity is spread over the calendar; the
     * people of a record are then picked among those active at that date.
     */
    private long anyDate(int from) {
        return timeline.sampleDate(random, from, timeline.periods() - 1);
    }

    // StrictMath throughout: Math's intrinsics may differ by an ulp between JVMs and CPUs,
    // and the same seed must give the same file everywhere.

    /** A standard normal draw (Box-Muller). */
    private double gaussian() {
        double u = 1 - random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
    }

    private double exponential(double mean) {
        return -mean * StrictMath.log(1 - random.nextDouble());
    }

    private int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
