package org.stackvault.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns default data into the reference values the processor stores, doing what its
 * {@code default_data_processor}, {@code normalizer}, {@code governance} and
 * {@code process_project_list} do: normalised releases and users, repos completed with the
 * repos its project sources list, module groups built from explicit groups, organizations,
 * official lists and one group per module, and the company index.
 *
 * <p>Where the processor would fetch something (Gerrit and GitHub project lists, governance
 * files) the generator uses {@link Governance}'s table of well-known projects. Every module
 * group a project type names is made to exist, so that every project type resolves.
 * Stateless.
 */
final class ReferenceDataBuilder {
    private ReferenceDataBuilder() {}

    private static final String GERRIT_URI = "gerrit://review.openstack.org";

    static StoredReference build(DefaultData data) {
        List<Map<String, Object>> releases = releases(data.releases());
        Timeline timeline = new Timeline(
                releases.stream().map(r -> (String) r.get("release_name")).toList(),
                releases.stream().map(r -> (Long) r.get("end_date")).toList());
        List<Map<String, Object>> repos = repos(data.repos(), data.projectSources());
        Map<String, Map<String, Object>> moduleGroups = moduleGroups(data, releases, repos);
        List<Map<String, Object>> projectTypes = new ArrayList<>();
        for (Map<String, Object> pt : data.projectTypes()) {
            projectTypes.add(new LinkedHashMap<>(pt));
        }
        resolveProjectTypes(projectTypes, moduleGroups);
        return new StoredReference(
                releases,
                moduleGroups,
                projectTypes,
                repos,
                Companies.of(data.companies()),
                timeline,
                modules(repos),
                users(data.users()));
    }

    /** Release names in lower case, end dates in unix seconds, sorted by end date. */
    private static List<Map<String, Object>> releases(List<Map<String, Object>> raw) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : raw) {
            Map<String, Object> release = new LinkedHashMap<>(r);
            release.put("release_name", String.valueOf(r.get("release_name")).toLowerCase(Locale.ROOT));
            release.put("end_date", Timeline.parseDefaultDataDate(r.get("end_date")));
            out.add(release);
        }
        out.sort(Comparator.comparingLong(r -> (Long) r.get("end_date")));
        return out;
    }

    /**
     * The configured repos ({@code releases} defaulted to an empty list), then the repos the
     * project sources would list that are not configured yet; configured repos a source lists
     * get its extra fields, as the processor merges them.
     */
    private static List<Map<String, Object>> repos(
            List<Map<String, Object>> configured, List<Map<String, Object>> projectSources) {
        List<Map<String, Object>> repos = new ArrayList<>();
        Map<String, Map<String, Object>> byUri = new LinkedHashMap<>();
        for (Map<String, Object> r : configured) {
            Map<String, Object> repo = new LinkedHashMap<>(r);
            repo.putIfAbsent("releases", new ArrayList<>());
            repos.add(repo);
            byUri.put(String.valueOf(repo.get("uri")), repo);
        }
        if (projectSources == null) {
            return repos;
        }
        for (Map<String, Object> source : projectSources) {
            String organization = String.valueOf(source.get("organization"));
            Set<String> exclude = new LinkedHashSet<>();
            if (source.get("exclude") instanceof List<?> names) {
                names.forEach(n -> exclude.add(String.valueOf(n)));
            }
            boolean github = String.valueOf(source.get("uri")).startsWith("github://");
            for (String name : Governance.sourceRepos(organization)) {
                if (exclude.contains(name) || name.startsWith("deb-")) {
                    continue;
                }
                Map<String, Object> listed = listedRepo(organization, name, github, source);
                Map<String, Object> existing = byUri.get(String.valueOf(listed.get("uri")));
                if (existing != null) {
                    listed.forEach(existing::putIfAbsent);
                } else {
                    repos.add(listed);
                    byUri.put(String.valueOf(listed.get("uri")), listed);
                }
            }
        }
        return repos;
    }

    private static Map<String, Object> listedRepo(
            String organization, String name, boolean github, Map<String, Object> source) {
        Map<String, Object> repo = new LinkedHashMap<>();
        Object branch = source.get("default_branch");
        repo.put("branches", new ArrayList<>(List.of(branch == null ? "master" : String.valueOf(branch))));
        repo.put("module", name);
        repo.put("organization", organization);
        if (github) {
            repo.put("uri", "git://github.com/" + organization + "/" + name + ".git");
        } else {
            repo.put("uri", "https://git.openstack.org/" + organization + "/" + name + ".git");
            repo.put("repo_name", organization + "/" + name);
            repo.put("gerrit_uri", GERRIT_URI);
        }
        repo.put("releases", new ArrayList<>());
        boolean launchpad = !Boolean.FALSE.equals(source.get("launchpad_metrics"));
        repo.put("launchpad_name", launchpad ? name : null);
        return repo;
    }

    private static Map<String, Map<String, Object>> moduleGroups(
            DefaultData data, List<Map<String, Object>> releases, List<Map<String, Object>> repos) {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (Map<String, Object> g : data.moduleGroups()) {
            String name = String.valueOf(g.get("module_group_name"));
            String id = g.get("id") instanceof String s ? s : name;
            groups.put(id, group(id, name, listOf(g.get("modules")), g.get("tag") instanceof String t ? t : "group"));
        }
        if (data.projectSources() != null) {
            organizationGroups(groups, data.projectSources(), repos);
        }
        Set<String> modules = new LinkedHashSet<>();
        for (Map<String, Object> repo : repos) {
            modules.add(String.valueOf(repo.get("module")).toLowerCase(Locale.ROOT));
        }
        groups.putAll(Governance.officialGroups(releases, modules));
        Governance.addOthers(groups, groups.get("openstack"));
        for (String module : modules) {
            groups.put(module, group(module, module, new LinkedHashSet<>(List.of(module)), "module"));
        }
        groups.put("unknown", group("unknown", "unknown", new LinkedHashSet<>(List.of("unknown")), "module"));
        return groups;
    }

    /** One group per organization of the repos, named as its project source says. */
    private static void organizationGroups(
            Map<String, Map<String, Object>> groups,
            List<Map<String, Object>> projectSources,
            List<Map<String, Object>> repos) {
        Map<String, List<Object>> organizations = new LinkedHashMap<>();
        for (Map<String, Object> repo : repos) {
            organizations
                    .computeIfAbsent(String.valueOf(repo.get("organization")), o -> new ArrayList<>())
                    .add(repo.get("module"));
        }
        Map<String, String[]> named = new LinkedHashMap<>();
        for (Map<String, Object> ps : projectSources) {
            String org = String.valueOf(ps.get("organization"));
            String id = ps.get("module_group_id") instanceof String s ? s : org;
            String name = ps.get("module_group_name") instanceof String s ? s : org;
            named.put(org, new String[] {id, name});
        }
        organizations.forEach((org, modules) -> {
            String[] idAndName = named.getOrDefault(org, new String[] {org, org});
            groups.put(idAndName[0], group(idAndName[0], idAndName[1], modules, "organization"));
        });
    }

    private static Map<String, Object> group(String id, String name, Object modules, String tag) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", id);
        g.put("module_group_name", name);
        g.put("modules", modules);
        g.put("tag", tag);
        return g;
    }

    private static List<Object> listOf(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }

    /**
     * A project type naming a module group that does not exist (a project source that could
     * not be listed, a misspelt organization) would not resolve; such ids get an empty group.
     */
    private static void resolveProjectTypes(
            List<Map<String, Object>> projectTypes, Map<String, Map<String, Object>> groups) {
        for (Map<String, Object> pt : projectTypes) {
            for (Object id : listOf(pt.get("modules"))) {
                String groupId = String.valueOf(id);
                if (!groups.containsKey(groupId)) {
                    groups.put(groupId, group(groupId, groupId, new ArrayList<>(), "group"));
                }
            }
        }
    }

    /** The modules with the activity each sees, weighted: big early projects most, unreviewed repos least. */
    private static List<StoredReference.Module> modules(List<Map<String, Object>> repos) {
        List<StoredReference.Module> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int rank = 0;
        for (Map<String, Object> repo : repos) {
            String name = String.valueOf(repo.get("module")).toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                continue;
            }
            String uri = String.valueOf(repo.get("uri"));
            boolean reviewed =
                    repo.containsKey("gerrit_uri") || uri.contains("openstack.org") || uri.contains("opendev.org");
            boolean launchpad = reviewed && !(repo.containsKey("launchpad_name") && repo.get("launchpad_name") == null);
            Governance.Project known = Governance.known(name);
            boolean translated = reviewed
                    && (known != null
                            ? known.kind() == Governance.Kind.SERVICE || known.kind() == Governance.Kind.DOCS
                            : name.contains("dashboard") || name.endsWith("-ui"));
            Object defaultBranch = repo.get("default_branch");
            // earlier repos first (default data lists the big ones first); the early integrated
            // services far ahead, repos of projects nobody lists as official far behind
            double weight = 1.0 / StrictMath.pow(rank + 4, 0.6);
            if (known != null
                    && known.kind() == Governance.Kind.SERVICE
                    && Governance.order(known.since()) <= Governance.order("havana")) {
                weight *= 4;
            } else if (known != null) {
                weight *= 1.2;
            } else {
                weight *= 0.3;
            }
            out.add(new StoredReference.Module(
                    name,
                    String.valueOf(repo.get("organization")),
                    projectOf(repo),
                    reviewed,
                    launchpad,
                    translated,
                    defaultBranch == null ? "master" : String.valueOf(defaultBranch),
                    weight));
            rank++;
        }
        return out;
    }

    /** "openstack/nova": the Gerrit name of the repo, or the last two parts of its URI. */
    private static String projectOf(Map<String, Object> repo) {
        if (repo.get("repo_name") instanceof String name) {
            return name;
        }
        String uri = String.valueOf(repo.get("uri"));
        if (uri.endsWith(".git")) {
            uri = uri.substring(0, uri.length() - 4);
        }
        String[] parts = uri.split("/");
        return parts.length >= 2
                ? parts[parts.length - 2] + "/" + parts[parts.length - 1]
                : repo.get("organization") + "/" + repo.get("module");
    }

    /**
     * Listed users normalised as the processor's {@code normalizer} does: end dates in unix
     * seconds, the history sorted by end date with the open-ended entry last (an
     * {@code *independent} one added when none is open-ended), {@code user_id} from the
     * launchpad id or the first email. Users with neither are dropped.
     */
    private static List<Map<String, Object>> users(List<Map<String, Object>> raw) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> u : raw) {
            Map<String, Object> user = new LinkedHashMap<>(u);
            List<Map<String, Object>> companies = new ArrayList<>();
            for (Object c : listOf(u.get("companies"))) {
                if (c instanceof Map<?, ?> m && m.get("company_name") != null) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("company_name", String.valueOf(m.get("company_name")));
                    entry.put("end_date", Timeline.parseDefaultDataDate(m.get("end_date")));
                    companies.add(entry);
                }
            }
            companies.sort(Comparator.comparingLong(c -> {
                long end = (Long) c.get("end_date");
                return end == 0 ? Long.MAX_VALUE : end;
            }));
            if (!companies.isEmpty()
                    && (Long) companies.get(companies.size() - 1).get("end_date") != 0) {
                Map<String, Object> open = new LinkedHashMap<>();
                open.put("company_name", Companies.INDEPENDENT);
                open.put("end_date", 0L);
                companies.add(open);
            }
            if (companies.isEmpty()) {
                Map<String, Object> open = new LinkedHashMap<>();
                open.put("company_name", Companies.INDEPENDENT);
                open.put("end_date", 0L);
                companies.add(open);
            }
            user.put("companies", companies);
            List<Object> emails = listOf(u.get("emails"));
            user.put("emails", emails);
            Object launchpad = u.get("launchpad_id");
            String userId = launchpad instanceof String l && !l.isEmpty()
                    ? l
                    : emails.isEmpty() ? null : String.valueOf(emails.get(0));
            if (userId == null) {
                continue;
            }
            user.put("user_id", userId);
            out.add(user);
        }
        return out;
    }
}
