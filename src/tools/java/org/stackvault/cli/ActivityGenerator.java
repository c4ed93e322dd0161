package org.stackvault.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the activity records of a data set, field for field as the Stackalytics processor
 * emits them, and hands them out one by one (nothing is held beyond one unit of work).
 *
 * <p>Records come in units that keep what the dashboard relies on consistent: a change
 * through Gerrit ({@link Changes}), a bug or a blueprint ({@link Launchpad}), and single
 * emails, commits pushed without review, translations and foundation members. Unit
 * frequencies are set so that, by count, about half the records are marks, 15% patch sets,
 * 10% commits, 8% reviews, 8% emails, the rest bugs, blueprints, translations and members;
 * robots own a small share of changes. Every date is drawn from the release calendar first,
 * and the people of a record among those active at that date. Single-threaded.
 */
final class ActivityGenerator {
    /** Receives the records in order; the record id is the position. */
    @FunctionalInterface
    interface RecordSink {
        void accept(Map<String, Object> record) throws IOException;
    }

    private enum Unit {
        CHANGE,
        BLUEPRINT,
        BUG,
        EMAIL,
        COMMIT,
        TRANSLATION,
        MEMBER
    }

    // Units per record of the data set; a change yields about 10 records, a blueprint 2.5,
    // a bug 1.6 (see the class comment for the resulting mix).
    private static final double[] UNIT_WEIGHTS = {0.0800, 0.0120, 0.0250, 0.0740, 0.0520, 0.0200, 0.0120};

    private static final String[][] LANGUAGES = {
        {"de", "German"},
        {"fr", "French"},
        {"ja", "Japanese"},
        {"ko-KR", "Korean (South Korea)"},
        {"zh-CN", "Chinese (China)"},
        {"zh-TW", "Chinese (Taiwan)"},
        {"es", "Spanish"},
        {"it", "Italian"},
        {"ru", "Russian"},
        {"pt-BR", "Portuguese (Brazil)"},
        {"id", "Indonesian"},
        {"tr-TR", "Turkish (Turkey)"},
        {"cs", "Czech"},
        {"en-GB", "English (United Kingdom)"}
    };
    private static final String[] DRAFT_PREFIXES = {
        "Acme", "Nimbus", "Blue Sky", "Stratus", "Orbit", "Northwind", "Cumulus", "Helix", "Vertex", "Quantum Leap"
    };
    private static final String[] DRAFT_SUFFIXES = {
        "Systems", "Cloud", "Labs", "Technologies, Inc.", "Solutions", "GmbH", "Ltd", "Consulting"
    };
    private static final String[] INDEPENDENT_DRAFTS = {"Independent", "Unaffiliated", "Self Employed", "Individual"};
    private static final DateTimeFormatter MEMBER_DATE = DateTimeFormatter.ofPattern("MMMM dd, yyyy ", Locale.US);

    private final Chance chance;
    private final Timeline timeline;
    private final Companies companies;
    private final Population people;
    private final Attribution attribution;
    private final Commits commits;
    private final Emails emails;
    private final Changes changes;
    private final Launchpad launchpad;
    private final RecentBugs recentBugs;
    private final WeightedPicker<StoredReference.Module> translatedModules;
    private final WeightedPicker<StoredReference.Module> anyModule;
    private final WeightedPicker<Unit> units;
    /** Zanata translations start in 2015, foundation members in 2012. */
    private final int translationsFrom;

    private final int membersFrom;

    private long nextMemberId = 1000;
    /** Keys of the translation records so far: one per translator, module, day and branch. */
    private final Set<String> translationKeys = new HashSet<>();

    ActivityGenerator(StoredReference reference, Population people, SplittableRandom random) {
        this.chance = new Chance(random);
        this.timeline = reference.timeline();
        this.companies = reference.companies();
        this.people = people;
        this.attribution = new Attribution(timeline, companies);
        List<StoredReference.Module> modules = reference.modules();
        this.anyModule = new WeightedPicker<>(modules, StoredReference.Module::weight);
        WeightedPicker<StoredReference.Module> reviewedModules =
                orAll(modules.stream().filter(StoredReference.Module::reviewed).toList(), modules);
        WeightedPicker<StoredReference.Module> launchpadModules =
                orAll(modules.stream().filter(StoredReference.Module::launchpad).toList(), reviewedModules.items());
        this.translatedModules = orAll(
                modules.stream().filter(StoredReference.Module::translated).toList(), reviewedModules.items());
        this.recentBugs = new RecentBugs(chance);
        this.commits = new Commits(chance, attribution);
        this.emails = new Emails(chance, attribution, reviewedModules, recentBugs);
        this.changes = new Changes(chance, people, attribution, commits, reviewedModules, recentBugs);
        this.launchpad = new Launchpad(chance, people, attribution, commits, emails, launchpadModules, recentBugs);
        this.units = new WeightedPicker<>(new ArrayList<>(List.of(Unit.values())), u -> UNIT_WEIGHTS[u.ordinal()]);
        this.membersFrom = timeline.periodOf(Timeline.parseDefaultDataDate("2012-Jul-01"));
        this.translationsFrom = timeline.periodOf(Timeline.parseDefaultDataDate("2015-Jun-01"));
    }

    private static WeightedPicker<StoredReference.Module> orAll(
            List<StoredReference.Module> some, List<StoredReference.Module> all) {
        return new WeightedPicker<>(some.isEmpty() ? all : some, StoredReference.Module::weight);
    }

    /** Makes exactly {@code count} records. */
    void generate(long count, RecordSink sink) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            Unit unit = units.pick(chance.random);
            List<Map<String, Object>> records = make(unit);
            if (records.size() > remaining) {
                // the last unit must fit: a change can stop early (what is kept still refers
                // only backwards), anything else gives way to a single email
                records = unit == Unit.CHANGE ? records.subList(0, (int) remaining) : List.of(email());
            }
            for (Map<String, Object> record : records) {
                sink.accept(record);
            }
            remaining -= records.size();
        }
    }

    private List<Map<String, Object>> make(Unit unit) {
        return switch (unit) {
            case CHANGE -> changes.change();
            case BLUEPRINT -> launchpad.blueprint();
            case BUG -> launchpad.bug();
            case EMAIL -> List.of(email());
            case COMMIT -> {
                long date = anyDate(0);
                yield List.of(commits.standalone(
                        people.contributors.pickAt(chance.random, timeline.periodOf(date)),
                        anyModule.pick(chance.random),
                        null,
                        null,
                        date,
                        recentBugs));
            }
            case TRANSLATION -> List.of(translation());
            case MEMBER -> List.of(member());
        };
    }

    private Map<String, Object> email() {
        long date = anyDate(0);
        return emails.email(people.contributors.pickAt(chance.random, timeline.periodOf(date)), null, date);
    }

    private Map<String, Object> translation() {
        long date = Timeline.midnight(anyDate(translationsFrom));
        int period = timeline.periodOf(date);
        Person translator = people.translators.isEmpty()
                ? people.contributors.pickAt(chance.random, period)
                : people.translators.pickAt(chance.random, period);
        String zanataId = translator.zanataId != null ? translator.zanataId : translator.userId;
        StoredReference.Module module = translatedModules.pick(chance.random);
        String branch = module.branch();
        if (chance.percent(20) && period > 0) {
            branch = "stable/" + timeline.periodName(period - 1);
        }
        // one record per translator, module, day and branch: move on a day until the key is free
        String key;
        while (!translationKeys.add(key = "zanata:" + zanataId + ":" + module.name() + ":" + date + ":" + branch)) {
            date += Timeline.DAY;
        }
        String[] language = LANGUAGES[chance.below(LANGUAGES.length)];
        long translated = 1 + Math.round(StrictMath.exp(chance.unit() * 7.5));
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
        attribution.apply(t, translator, date, attribution.emailAt(translator, date));
        return t;
    }

    private Map<String, Object> member() {
        String memberId = Long.toString(nextMemberId);
        nextMemberId += 1 + chance.below(25);
        String name = Texts.personName(chance.random);
        String draft = companyDraft();
        String company = companies.companyOfDraft(draft);
        long date = Timeline.midnight(anyDate(membersFrom));
        Person member = people.addMember(memberId, name, company);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member_id", memberId);
        m.put("member_name", name);
        m.put(
                "date_joined",
                Instant.ofEpochSecond(date).atOffset(ZoneOffset.UTC).format(MEMBER_DATE));
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
        int roll = chance.below(100);
        List<String> known =
                companies.names().stream().filter(n -> !n.startsWith("*")).toList();
        if (roll < 70 && !known.isEmpty()) {
            return known.get(chance.below(known.size()));
        }
        if (roll < 80) {
            return chance.pick(INDEPENDENT_DRAFTS);
        }
        return chance.pick(DRAFT_PREFIXES) + " " + chance.pick(DRAFT_SUFFIXES);
    }

    /**
     * A date from period {@code from} on, as activity is spread over the calendar; the
     * people of a record are then picked among those active at that date.
     */
    private long anyDate(int from) {
        return timeline.sampleDate(chance.random, from, timeline.periods() - 1);
    }
}
