package org.stackvault.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Launchpad activity, each one unit of records: a bug filed (bugf) and, when fixed, resolved
 * (bugr); a blueprint drafted (bpd), maybe completed (bpc), followed by the commits that
 * implement it and the emails that link it, so that its {@code mention_count} and
 * {@code mention_date} are exactly what the processor computes from those records.
 * Single-threaded.
 */
final class Launchpad {
    private static final String[] BUG_OPEN_STATUSES = {
        "New", "Confirmed", "Triaged", "In Progress", "Incomplete", "Invalid", "Won't Fix", "Opinion"
    };
    private static final String[] IMPORTANCES = {"Undecided", "Wishlist", "Low", "Medium", "High", "Critical"};
    private static final String[] DEFINITION_STATUSES = {
        "Approved",
        "Approved",
        "Approved",
        "New",
        "New",
        "Discussion",
        "Drafting",
        "Pending Approval",
        "Review",
        "Obsolete"
    };
    private static final String[] OPEN_IMPLEMENTATION = {
        "Unknown",
        "Not started",
        "Started",
        "Slow progress",
        "Good progress",
        "Beta Available",
        "Needs Code Review",
        "Blocked",
        "Deferred"
    };
    private static final String[] PRIORITIES = {"Undefined", "Low", "Medium", "High", "Essential", "Not"};

    private final Chance chance;
    private final Timeline timeline;
    private final Population people;
    private final Attribution attribution;
    private final Commits commits;
    private final Emails emails;
    private final WeightedPicker<StoredReference.Module> launchpadModules;
    private final RecentBugs recentBugs;
    private long nextBugNumber = 200_000;
    /** "module:name" of every blueprint so far: names are made unique per module. */
    private final Set<String> blueprintIds = new HashSet<>();

    Launchpad(
            Chance chance,
            Population people,
            Attribution attribution,
            Commits commits,
            Emails emails,
            WeightedPicker<StoredReference.Module> launchpadModules,
            RecentBugs recentBugs) {
        this.chance = chance;
        this.timeline = attribution.timeline();
        this.people = people;
        this.attribution = attribution;
        this.commits = commits;
        this.emails = emails;
        this.launchpadModules = launchpadModules;
        this.recentBugs = recentBugs;
    }

    List<Map<String, Object>> blueprint() {
        StoredReference.Module module = launchpadModules.pick(chance.random);
        long created = timeline.sampleDate(chance.random, 0, timeline.periods() - 1);
        int period = timeline.periodOf(created);
        Person drafter = people.launchpadUsers.pickAt(chance.random, period);
        String name = Texts.blueprintName(chance.random);
        String base = name;
        for (int n = 2; !blueprintIds.add(module.name() + ":" + name); n++) {
            name = base + "-" + n;
        }
        String id = module.name() + ":" + name;
        boolean complete = chance.percent(50);
        boolean started = complete || chance.percent(40);
        Person assignee = complete || chance.coin() ? people.launchpadUsers.pickAt(chance.random, period) : null;
        long end = timeline.lastDate() - 1;
        Long dateStarted =
                started ? Math.min(end, created + 3600 + (long) chance.exponential(20 * Timeline.DAY)) : null;
        Long dateCompleted =
                complete ? Math.min(end, dateStarted + 3600 + (long) chance.exponential(60 * Timeline.DAY)) : null;

        // mentions: commits implementing it and emails discussing it
        int mentions = chance.weighted(0, 40, 1, 30, 2, 20, 3, 7, 4, 3);
        List<Map<String, Object>> mentionRecords = new ArrayList<>();
        long mentionDate = 0;
        for (int i = 0; i < mentions; i++) {
            long date = Math.min(end, created + (long) chance.exponential(45 * Timeline.DAY));
            Map<String, Object> record;
            if (chance.coin()) {
                Person author = assignee != null ? assignee : drafter;
                record = commits.standalone(author, module, null, name, date, recentBugs);
            } else {
                record = emails.email(
                        people.contributors.pickAt(chance.random, timeline.periodOf(date)),
                        new String[] {module.name(), name},
                        date);
            }
            mentionDate = Math.max(mentionDate, date);
            mentionRecords.add(record);
        }

        Person owner = chance.percent(70) ? drafter : people.launchpadUsers.pickAt(chance.random, period);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("title", Texts.titleOf(name));
        fields.put("summary", Texts.paragraph(chance.random) + " " + Texts.paragraph(chance.random));
        fields.put("whiteboard", chance.percent(30) ? Texts.paragraph(chance.random) : null);
        fields.put("workitems_text", "");
        fields.put(
                "specification_url",
                chance.coin()
                        ? "https://specs.openstack.org/openstack/" + module.name() + "-specs/specs/" + name + ".html"
                        : null);
        fields.put("definition_status", chance.pick(DEFINITION_STATUSES));
        fields.put("implementation_status", complete ? "Implemented" : chance.pick(OPEN_IMPLEMENTATION));
        fields.put("lifecycle_status", complete ? "Complete" : started ? "Started" : "Not started");
        fields.put("direction_approved", chance.coin());
        fields.put("priority", chance.pick(PRIORITIES));
        fields.put("information_type", "Public");
        fields.put("is_complete", complete);
        fields.put("is_started", started);
        fields.put("has_accepted_goal", chance.percent(20));
        fields.put("http_etag", "\"" + chance.hex(40) + "-" + chance.hex(40) + "\"");
        fields.put("date_created", created);
        fields.put("date_started", dateStarted);
        fields.put("date_completed", dateCompleted);
        fields.put("owner", owner.launchpadId);
        fields.put("drafter", drafter.launchpadId);
        if (chance.percent(40)) {
            fields.put("approver", people.launchpadUsers.pickAt(chance.random, period).launchpadId);
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
        attribution.apply(bpd, drafter, created, attribution.emailAt(drafter, created));
        bpd.put("mention_count", (long) mentions);
        bpd.put("mention_date", mentionDate);
        records.add(bpd);
        if (complete) {
            Map<String, Object> bpc = new LinkedHashMap<>(fields);
            bpc.put("record_type", "bpc");
            bpc.put("primary_key", "bpc:" + id);
            bpc.put("launchpad_id", assignee.launchpadId);
            bpc.put("date", dateCompleted);
            attribution.apply(bpc, assignee, dateCompleted, attribution.emailAt(assignee, dateCompleted));
            bpc.put("mention_count", (long) mentions);
            bpc.put("mention_date", mentionDate);
            records.add(bpc);
        }
        records.addAll(mentionRecords);
        return records;
    }

    List<Map<String, Object>> bug() {
        StoredReference.Module module = launchpadModules.pick(chance.random);
        long created = timeline.sampleDate(chance.random, 0, timeline.periods() - 1);
        int period = timeline.periodOf(created);
        Person owner = people.launchpadUsers.pickAt(chance.random, period);
        long number = nextBugNumber;
        nextBugNumber += 1 + chance.below(60);
        recentBugs.filed(number);
        boolean fixed = chance.percent(60);
        String status =
                fixed ? (chance.percent(55) ? "Fix Released" : "Fix Committed") : chance.pick(BUG_OPEN_STATUSES);
        Person assignee = fixed
                ? (chance.percent(40) ? owner : people.launchpadUsers.pickAt(chance.random, period))
                : chance.coin() ? people.launchpadUsers.pickAt(chance.random, period) : null;
        long end = timeline.lastDate() - 1;
        Long committed = null;
        Long released = null;
        if (fixed) {
            long fix = Math.min(end, created + 3600 + (long) chance.exponential(30 * Timeline.DAY));
            if ("Fix Committed".equals(status) || chance.percent(80)) {
                committed = fix;
            }
            if ("Fix Released".equals(status)) {
                released = Math.min(end, fix + (long) chance.exponential(40 * Timeline.DAY));
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
        String summary = Texts.bugSummary(chance.random);
        fields.put("title", "Bug #" + number + " in " + module.name() + ": \"" + summary + "\"");
        fields.put("importance", chance.pick(IMPORTANCES));
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
        attribution.apply(filed, owner, created, attribution.emailAt(owner, created));
        records.add(filed);
        if (fixed) {
            long date = committed != null ? committed : released;
            Map<String, Object> resolved = new LinkedHashMap<>(fields);
            resolved.put("record_type", "bugr");
            resolved.put("primary_key", "bugr:" + id);
            resolved.put("launchpad_id", assignee.launchpadId);
            resolved.put("date", date);
            attribution.apply(resolved, assignee, date, attribution.emailAt(assignee, date));
            records.add(resolved);
        }
        return records;
    }
}
