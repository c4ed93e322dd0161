package org.stackvault.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Everyone who contributes to a generated data set: the users the default data lists
 * (static profiles), the users the processor would have discovered from the activity
 * (generated as needed for volume), and the foundation members the member records create.
 * Knows who can do what (review in Gerrit, file bugs on Launchpad, translate on Zanata),
 * who is core reviewer of which module, and how active everyone is.
 *
 * <p>Mutable only while the generator runs (members are added as their records are made);
 * single-threaded.
 */
final class Population {
    /** Fewest people a data set has, and how many records one person makes on average beyond that. */
    static final int MIN_PEOPLE = 300;

    static final int RECORDS_PER_PERSON = 250;
    static final int MAX_PEOPLE = 40_000;

    private static final String[] PERSONAL_DOMAINS = {
        "gmail.com", "yahoo.com", "hotmail.com", "163.com", "qq.com", "outlook.com", "126.com", "gmx.de"
    };

    private final List<Person> people = new ArrayList<>();
    private final List<Person> members = new ArrayList<>();
    private final Set<String> launchpadIds = new HashSet<>();
    private final Set<String> emails = new HashSet<>();
    private final Set<String> gerritIds = new HashSet<>();
    private final Set<String> zanataIds = new HashSet<>();
    /** "module\0branch\0user_id" of every core reviewer. */
    private final Set<String> coreKeys = new HashSet<>();

    private final Map<String, List<Person>> coresByModule = new LinkedHashMap<>();

    final Role contributors;
    final Role reviewers;
    final Role launchpadUsers;
    final Role translators;
    final WeightedPicker<Person> robots;

    /**
     * The people who can do one kind of thing (commit, review, use Launchpad, translate),
     * picked in proportion to their activity, overall or among those active in a period.
     */
    static final class Role {
        private final WeightedPicker<Person> everyone;
        private final List<WeightedPicker<Person>> byPeriod = new ArrayList<>();

        Role(List<Person> people, int periods) {
            everyone = new WeightedPicker<>(people, p -> p.activity);
            for (int period = 0; period < periods; period++) {
                int at = period;
                byPeriod.add(new WeightedPicker<>(
                        people.stream()
                                .filter(p -> p.firstPeriod <= at && at <= p.lastPeriod)
                                .toList(),
                        p -> p.activity));
            }
        }

        boolean isEmpty() {
            return everyone.isEmpty();
        }

        Person pick(SplittableRandom random) {
            return everyone.pick(random);
        }

        /** Someone active in {@code period}; anyone when nobody is. */
        Person pickAt(SplittableRandom random, int period) {
            WeightedPicker<Person> active = byPeriod.get(period);
            return active.isEmpty() ? everyone.pick(random) : active.pick(random);
        }
    }

    /**
     * @param records how many records the data set will hold (more records, more people)
     */
    Population(StoredReference reference, long records, SplittableRandom random) {
        Companies companies = reference.companies();
        Timeline timeline = reference.timeline();
        for (Map<String, Object> entry : reference.listedUsers()) {
            addListed(entry);
        }
        if (people.stream().noneMatch(Person::robot)) {
            addRobot();
        }
        long wanted = Math.max(MIN_PEOPLE, Math.min(MAX_PEOPLE, records / RECORDS_PER_PERSON));
        WeightedPicker<String> employers = employers(companies);
        while (people.size() < wanted) {
            addDiscovered(random, companies, employers);
        }
        for (int i = 0; i < people.size(); i++) {
            people.get(i).seq = i + 1;
        }
        assignIds(random);
        assignActivity(random, timeline);
        List<Person> humans = people.stream().filter(p -> !p.robot()).toList();
        int periods = timeline.periods();
        contributors = new Role(humans, periods);
        reviewers = new Role(humans.stream().filter(p -> p.gerritId != null).toList(), periods);
        launchpadUsers =
                new Role(humans.stream().filter(p -> p.launchpadId != null).toList(), periods);
        translators = new Role(humans.stream().filter(p -> p.zanataId != null).toList(), periods);
        robots = new WeightedPicker<>(
                people.stream().filter(p -> p.robot() && p.gerritId != null).toList(), p -> 1);
        assignCores(random, reference);
    }

    /** A user the default data lists: kept as listed, marked static. */
    private void addListed(Map<String, Object> entry) {
        Person p = new Person();
        p.defaultEntry = entry;
        p.isStatic = true;
        p.userId = String.valueOf(entry.get("user_id"));
        p.userName = entry.get("user_name") instanceof String s ? s : null;
        if (entry.get("emails") instanceof List<?> list) {
            for (Object e : list) {
                p.emails.add(String.valueOf(e));
                emails.add(String.valueOf(e).toLowerCase(Locale.ROOT));
            }
        }
        if (entry.get("companies") instanceof List<?> list) {
            for (Object c : list) {
                Map<?, ?> m = (Map<?, ?>) c;
                p.companies.add(new Person.Affiliation(
                        String.valueOf(m.get("company_name")), ((Number) m.get("end_date")).longValue()));
            }
        }
        p.launchpadId = entry.get("launchpad_id") instanceof String s && !s.isEmpty() ? s : null;
        p.githubId = entry.get("github_id") instanceof String s && !s.isEmpty() ? s : null;
        p.zanataId = entry.get("zanata_id") instanceof String s && !s.isEmpty() ? s : null;
        p.gerritId = entry.get("gerrit_id") instanceof String s && !s.isEmpty() ? s : null;
        launchpadIds.add(p.userId);
        if (p.launchpadId != null) {
            launchpadIds.add(p.launchpadId);
        }
        if (p.zanataId != null) {
            zanataIds.add(p.zanataId);
        }
        if (p.gerritId != null) {
            gerritIds.add(p.gerritId);
        }
        people.add(p);
    }

    /** Default data without a robot account still sees CI and proposal-bot activity. */
    private void addRobot() {
        Person p = new Person();
        p.userId = uniqueLaunchpadId("proposal-bot");
        p.launchpadId = p.userId;
        p.userName = "OpenStack Proposal Bot";
        p.emails.add(uniqueEmail("openstack-infra@lists.openstack.org"));
        p.companies.add(new Person.Affiliation(Companies.ROBOTS, 0));
        people.add(p);
    }

    /**
     * Companies people work for, in proportion to how many listed users they employ (the
     * default data is a good census of who employs OpenStack developers).
     */
    private WeightedPicker<String> employers(Companies companies) {
        Map<String, Integer> staff = new LinkedHashMap<>();
        for (Person p : people) {
            for (Person.Affiliation a : p.companies) {
                staff.merge(a.company(), 1, Integer::sum);
            }
        }
        List<String> names = new ArrayList<>();
        for (String name : companies.names()) {
            if (!name.startsWith("*") && companies.domainOf(name) != null) {
                names.add(name);
            }
        }
        return new WeightedPicker<>(names, name -> staff.getOrDefault(name, 0) + 0.2);
    }

    /**
     * A user the processor created from activity: one affiliation, the company of their work
     * email (or independent with only a personal one), a launchpad id for most.
     */
    private void addDiscovered(SplittableRandom random, Companies companies, WeightedPicker<String> employers) {
        Person p = new Person();
        String first = Texts.firstName(random);
        String last = Texts.lastName(random);
        p.userName = first + " " + last;
        String local = (random.nextBoolean() ? first.charAt(0) + last : first + "." + last).toLowerCase(Locale.ROOT);
        if (!employers.isEmpty() && random.nextInt(6) != 0) {
            p.emails.add(uniqueEmail(local + "@" + companies.domainOf(employers.pick(random))));
        }
        if (p.emails.isEmpty() || random.nextInt(3) == 0) {
            p.emails.add(uniqueEmail(local.replace(".", "") + "@" + Texts.pick(random, PERSONAL_DOMAINS)));
        }
        // the processor's create_user: the company of the first email's domain, else independent
        String company = companies.companyOfEmail(p.emails.get(0));
        p.companies.add(new Person.Affiliation(company == null ? Companies.INDEPENDENT : company, 0));
        if (random.nextInt(10) < 8) {
            p.launchpadId = uniqueLaunchpadId((first + "-" + last).toLowerCase(Locale.ROOT));
        }
        p.userId = p.launchpadId != null ? p.launchpadId : p.emails.get(0);
        people.add(p);
    }

    private String uniqueLaunchpadId(String base) {
        String id = base;
        for (int n = 2; !launchpadIds.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private String uniqueEmail(String email) {
        String candidate = email;
        int at = email.indexOf('@');
        for (int n = 2; !emails.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = email.substring(0, at) + n + email.substring(at);
        }
        return candidate;
    }

    /**
     * Gerrit accounts for most people (robots always), Zanata accounts for a few: named after
     * the launchpad id or the email's local part, as people usually pick them.
     */
    private void assignIds(SplittableRandom random) {
        for (Person p : people) {
            String base =
                    p.launchpadId != null ? p.launchpadId : localPart(p.emails.isEmpty() ? p.userId : p.emails.get(0));
            if (p.gerritId == null && (p.robot() || random.nextInt(100) < 88)) {
                p.gerritId = unique(gerritIds, base);
            }
            if (p.zanataId == null && !p.robot() && random.nextInt(100) < 3) {
                p.zanataId = unique(zanataIds, base.replace("-", "").replace(".", ""));
            }
        }
        if (zanataIds.isEmpty()) {
            for (Person p : people) {
                if (!p.robot()) {
                    p.zanataId = unique(zanataIds, localPart(p.userId));
                    break;
                }
            }
        }
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        String local = (at > 0 ? email.substring(0, at) : email).toLowerCase(Locale.ROOT);
        return local.replaceAll("[^a-z0-9._-]", "");
    }

    private static String unique(Set<String> used, String base) {
        String id = base.isEmpty() ? "user" : base;
        for (int n = 2; !used.add(id); n++) {
            id = (base.isEmpty() ? "user" : base) + n;
        }
        return id;
    }

    /**
     * How active each person is (a long tail: a few people make most of the records) and in
     * which periods: a span of a few releases starting where activity is, stretched over the
     * dates a company history changes at.
     */
    private void assignActivity(SplittableRandom random, Timeline timeline) {
        int n = people.size();
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        int last = timeline.periods() - 1;
        for (int i = 0; i < n; i++) {
            Person p = people.get(i);
            // a long tail, but no one makes more than a few percent of the records
            p.activity = 1.0 / StrictMath.pow(rank[i] + 2, 0.6);
            if (p.robot()) {
                p.firstPeriod = 0;
                p.lastPeriod = last;
                continue;
            }
            int first = timeline.samplePeriod(random);
            int span = 1;
            while (span < timeline.periods() && random.nextInt(100) < 80) {
                span++;
            }
            int end = Math.min(last, first + span - 1);
            for (Person.Affiliation a : p.companies) {
                if (a.endDate() > 0) {
                    first = Math.min(first, Math.max(0, timeline.periodOf(a.endDate()) - 1));
                    end = Math.max(end, Math.min(last, timeline.periodOf(a.endDate()) + 1));
                }
            }
            p.firstPeriod = first;
            p.lastPeriod = end;
        }
    }

    /**
     * A few core reviewers for every reviewed module (more for busy ones), on master; some
     * of them also maintain the stable branch of a recent release.
     */
    private void assignCores(SplittableRandom random, StoredReference reference) {
        if (reviewers.isEmpty()) {
            return;
        }
        double maxWeight = reference.modules().stream()
                .mapToDouble(StoredReference.Module::weight)
                .max()
                .orElse(1);
        Timeline timeline = reference.timeline();
        for (StoredReference.Module module : reference.modules()) {
            if (!module.reviewed()) {
                continue;
            }
            int count = 2 + (int) Math.round(6 * module.weight() / maxWeight) + random.nextInt(3);
            List<Person> cores = new ArrayList<>();
            for (int attempt = 0; attempt < count * 4 && cores.size() < count; attempt++) {
                Person p = reviewers.pick(random);
                if (!cores.contains(p)) {
                    cores.add(p);
                }
            }
            for (Person p : cores) {
                addCore(p, module.name(), module.branch());
                if (random.nextInt(5) == 0 && timeline.periods() > 1) {
                    int period = timeline.periods() - 2 - random.nextInt(Math.min(6, timeline.periods() - 1));
                    addCore(p, module.name(), "stable/" + timeline.periodName(Math.max(0, period)));
                }
            }
            coresByModule.put(module.name(), List.copyOf(cores));
        }
    }

    private void addCore(Person p, String module, String branch) {
        p.core.add(List.of(module, branch));
        coreKeys.add(module + '\0' + branch + '\0' + p.userId);
    }

    boolean isCore(String module, String branch, Person p) {
        return coreKeys.contains(module + '\0' + branch + '\0' + p.userId);
    }

    /** Core reviewers of {@code module} (master), possibly none. */
    List<Person> cores(String module) {
        return coresByModule.getOrDefault(module, List.of());
    }

    /** A core reviewer of {@code module}, one active in {@code period} if there is one; null if it has none. */
    Person coreAt(SplittableRandom random, String module, int period) {
        List<Person> cores = cores(module);
        if (cores.isEmpty()) {
            return null;
        }
        List<Person> active = new ArrayList<>(cores.size());
        for (Person p : cores) {
            if (p.firstPeriod <= period && period <= p.lastPeriod) {
                active.add(p);
            }
        }
        List<Person> from = active.isEmpty() ? cores : active;
        return from.get(random.nextInt(from.size()));
    }

    /**
     * The profile the processor makes for a foundation member ({@code user_id}
     * {@code member:<id>}), which no other activity shares.
     */
    Person addMember(String memberId, String name, String company) {
        Person p = new Person();
        p.seq = people.size() + members.size() + 1;
        p.userId = "member:" + memberId;
        p.userName = name;
        p.emails.add(p.userId);
        p.companies.add(new Person.Affiliation(company, 0));
        p.memberCompany = company;
        members.add(p);
        return p;
    }

    /** Everyone in {@code seq} order: listed, discovered, then members. */
    List<Person> all() {
        List<Person> all = new ArrayList<>(people.size() + members.size());
        all.addAll(people);
        all.addAll(members);
        return all;
    }

    int size() {
        return people.size() + members.size();
    }
}
