package org.stackvault.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.stackvault.vault.ModuleGroup;
import org.stackvault.vault.ProjectType;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Release;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.UserProfile;
import org.stackvault.vault.Vault;

/**
 * The lookup lists and single objects of the API: companies, modules, users, languages,
 * releases, metrics, project types, one company/module/user, affiliation changes, new
 * companies, languages stats. Stateless.
 */
public final class ListQuery {
    /** Python's sort by {@code text}. */
    private static final Comparator<Choice> BY_TEXT = Comparator.comparing(Choice::text, Python.STRING_ORDER);

    private ListQuery() {}

    private static boolean[] presentCodes(Selection selection, int size, java.util.function.IntUnaryOperator column) {
        boolean[] present = new boolean[size];
        for (int i = 0; i < selection.size(); i++) {
            present[column.applyAsInt(selection.row(i))] = true;
        }
        return present;
    }

    /** {@code /companies}: companies of the selected records (plus the requested one), by name. */
    public static List<IdText> companies(Vault vault, Selection selection, Filter filter) {
        RecordTable t = vault.records();
        StringDictionary companies = vault.dictionaries().companies();
        boolean[] present = presentCodes(selection, companies.size(), t::company);
        Set<String> names = new HashSet<>();
        for (int code = 1; code < present.length; code++) {
            if (present[code]) {
                names.add(companies.value(code));
            }
        }
        if (!filter.companies().isEmpty()) {
            int code = vault.companyByFoldedName(
                    Filter.foldCompany(filter.companies().get(0)));
            if (code > 0) {
                names.add(companies.value(code));
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Python.STRING_ORDER);
        List<IdText> out = new ArrayList<>(sorted.size());
        for (String name : sorted) {
            out.add(new IdText(Filter.foldCompany(name), name));
        }
        return out;
    }

    /**
     * {@code /modules}: module groups of the selected records' modules, plus groups holding
     * any of those modules, optionally only with the given tags; by name.
     */
    public static List<ModuleItem> modules(Vault vault, Selection selection, Collection<String> tags) {
        RecordTable t = vault.records();
        StringDictionary modules = vault.dictionaries().modules();
        boolean[] present = presentCodes(selection, modules.size(), t::module);
        Set<String> ids = new LinkedHashSet<>();
        for (int code = 1; code < present.length; code++) {
            if (present[code]) {
                ids.add(modules.value(code));
            }
        }
        Set<String> fromRecords = new HashSet<>(ids);
        Map<String, ModuleGroup> groups = vault.reference().moduleGroups();
        for (ModuleGroup group : groups.values()) {
            for (String m : group.modules()) {
                if (fromRecords.contains(m)) {
                    ids.add(group.id());
                    break;
                }
            }
        }
        List<ModuleItem> out = new ArrayList<>();
        for (String id : ids) {
            ModuleGroup group = groups.get(id);
            if (group == null || (!tags.isEmpty() && !tags.contains(group.tag()))) {
                continue;
            }
            out.add(new ModuleItem(group.id(), group.name(), group.tag()));
        }
        out.sort(BY_TEXT);
        return out;
    }

    /** {@code /languages}: languages of the selected translations, by name. */
    public static List<IdText> languages(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        StringDictionary values = vault.dictionaries().values();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < selection.size(); i++) {
            int code = t.textValue(selection.row(i));
            if (code > 0) {
                names.add(values.value(code));
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Python.STRING_ORDER);
        List<IdText> out = new ArrayList<>();
        for (String name : sorted) {
            out.add(new IdText(Filter.foldCompany(name), name));
        }
        return out;
    }

    /** {@code /stats/languages}: translated words per language. */
    public static List<LanguageStat> languageStats(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        StringDictionary values = vault.dictionaries().values();
        Map<Integer, Long> words = new LinkedHashMap<>();
        for (int i = 0; i < selection.size(); i++) {
            int row = selection.row(i);
            if (t.type(row) == RecordType.TR) {
                words.merge(t.textValue(row), (long) t.loc(row), Long::sum);
            }
        }
        List<Map.Entry<Integer, Long>> languages = new ArrayList<>(words.entrySet());
        Python.sortByMetricDescending(languages, Map.Entry::getValue);
        return Python.addIndex(languages, (index, language) -> {
            String name = language.getKey() > 0 ? values.value(language.getKey()) : null;
            return new LanguageStat(index, name, name, language.getValue());
        });
    }

    /**
     * {@code /users}: users of the selected records (plus the requested one) by name; with
     * {@code core_in}, only core reviewers on those branches of the filter's modules.
     */
    public static List<UserItem> users(Vault vault, Selection selection, Filter filter, long now) {
        RecordTable t = vault.records();
        StringDictionary users = vault.dictionaries().users();
        Set<String> coreIn = null;
        Set<String> validModules = Set.of();
        if (filter.coreIn() != null) {
            // the original reads only the first comma-separated value of core_in
            coreIn = Set.of(filter.coreIn().split(",", -1)[0]);
            validModules = new HashSet<>();
            for (ModuleScope.ModuleRelease mr : ModuleScope.resolve(
                    vault, ModuleScope.groupsOfProjectTypes(vault, filter.projectTypes()), filter.releases())) {
                validModules.add(mr.module());
            }
        }
        boolean[] present = presentCodes(selection, users.size(), t::user);
        if (!filter.userIds().isEmpty()) {
            // validated: the id (or its case-insensitive match) is in the records
            present[vault.userCode(filter.userIds().get(0))] = true;
        }
        List<UserItem> out = new ArrayList<>();
        for (int code = 1; code < present.length; code++) {
            if (!present[code]) {
                continue;
            }
            String id = users.value(code);
            UserProfile user = vault.userProfile(code);
            String text = user == null
                    ? id
                    : user.userName() != null && !user.userName().isEmpty() ? user.userName() : user.userId();
            if (coreIn == null) {
                out.add(new UserItem(id, text, null, null));
            } else if (user != null && !user.core().isEmpty()) {
                List<String> coreModules = new ArrayList<>();
                for (UserProfile.CoreRole role : user.core()) {
                    if (coreIn.contains(role.branch()) && validModules.contains(role.module())) {
                        coreModules.add(role.module());
                    }
                }
                if (!coreModules.isEmpty()) {
                    out.add(new UserItem(id, text, coreModules, user.currentCompany(now)));
                }
            }
        }
        out.sort(BY_TEXT);
        return out;
    }

    /** {@code /releases}: newest first, 'all' on top, and the default release. */
    public static Answers.Releases releases(Vault vault, Defaults defaults) {
        List<Choice> data = new ArrayList<>();
        data.add(new IdText("all", "All"));
        List<Release> releases = vault.reference().releases();
        for (int i = releases.size() - 1; i >= 0; i--) {
            Release r = releases.get(i);
            data.add(new ReleaseItem(r.name(), Python.capitalize(r.name()), r.project()));
        }
        return new Answers.Releases(data, defaults.release(vault));
    }

    /** {@code /metrics}: metrics with labels, by label, and the default metric. */
    public static Answers.Metrics metrics(Defaults defaults) {
        List<IdText> data = new ArrayList<>();
        TreeMap<String, String> byLabel = new TreeMap<>(Python.STRING_ORDER);
        for (Metric m : Metric.values()) {
            if (m.label() != null) {
                byLabel.put(m.label(), m.id());
            }
        }
        byLabel.forEach((label, id) -> data.add(new IdText(id, label)));
        return new Answers.Metrics(data, defaults.metric());
    }

    /** {@code /project_types}: in stored order, and the default project type. */
    public static Answers.ProjectTypes projectTypes(Vault vault, Defaults defaults) {
        List<ProjectTypeItem> data = new ArrayList<>();
        for (ProjectType pt : vault.reference().projectTypes()) {
            data.add(new ProjectTypeItem(pt.id(), pt.title(), pt.child()));
        }
        return new Answers.ProjectTypes(data, defaults.projectType());
    }

    /** {@code /companies/<name>}: the company as requested and as stored. */
    public static IdText company(Vault vault, String name) {
        int code = vault.companyByFoldedName(Filter.foldCompany(name));
        if (code <= 0) {
            throw QueryException.notFound("no company '" + name + "'");
        }
        return new IdText(name, vault.dictionaries().companies().value(code));
    }

    /**
     * {@code /modules/<id>}: a module group with its modules in the release, each marked
     * visible when the project type includes it.
     */
    public static ModuleDetails module(Vault vault, String moduleId, String projectType, String release) {
        ModuleGroup group = vault.reference().moduleGroup(moduleId);
        if (group == null) {
            throw QueryException.notFound("no module '" + moduleId + "'");
        }
        String id = group.id();
        String name = group.name();
        if (!name.isEmpty() && Character.isLowerCase(name.codePointAt(0))) {
            name = Python.capitalize(name);
        }
        List<String> releases = List.of(release);
        Set<ModuleScope.ModuleRelease> own = ModuleScope.resolve(vault, List.of(id), releases);
        Set<ModuleScope.ModuleRelease> visible =
                ModuleScope.resolve(vault, ModuleScope.groupsOfProjectTypes(vault, List.of(projectType)), releases);
        List<ModuleChild> children = new ArrayList<>();
        for (ModuleScope.ModuleRelease mr : own) {
            children.add(new ModuleChild(
                    mr.module(), visible.contains(mr), vault.reference().repoUri(mr.module())));
        }
        children.sort(Comparator.comparing(ModuleChild::moduleName, Python.STRING_ORDER));
        return new ModuleDetails(id, name, group.tag(), children);
    }

    /**
     * {@code /users/<id>}: the user dict stored under {@code user:<id>}, read from the runtime
     * storage by that key as the original does (whether or not the vault's directory knows
     * it), with {@code id}, {@code text} and a link to the current company.
     */
    public static Map<String, Object> user(Vault vault, String userId, Links links, long now) {
        Map<?, ?> stored = vault.storedUser(userId);
        UserProfile user = UserProfile.of(stored, userId);
        if (user == null) {
            throw QueryException.notFound("no user '" + userId + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        stored.forEach((k, v) -> out.put(String.valueOf(k), v));
        out.put("id", user.userId());
        out.put("text", user.userName());
        if (!user.companies().isEmpty()) {
            String company = user.currentCompany(now);
            out.put("company_link", links.link(company, "company", company, "user_id", ""));
        } else {
            out.put("company_link", "");
        }
        return out;
    }

    /** {@code /affiliation_changes}: users who changed company between the two dates (seconds). */
    public static List<AffiliationChange> affiliationChanges(Vault vault, long start, long end) {
        List<AffiliationChange> out = new ArrayList<>();
        for (UserProfile user : vault.users().all()) {
            List<UserProfile.Affiliation> companies = user.companies();
            for (int i = 1; i < companies.size(); i++) {
                long date = companies.get(i - 1).endDate();
                if (start <= date && date <= end) {
                    out.add(new AffiliationChange(
                            user.userId(),
                            user.userName(),
                            companies.get(i - 1).companyName(),
                            companies.get(i).companyName(),
                            date));
                }
            }
        }
        return out;
    }

    /** {@code /new_companies}: companies whose first selected record is at most {@code days} old. */
    public static List<NewCompany> newCompanies(Vault vault, Selection selection, long days, long now) {
        RecordTable t = vault.records();
        StringDictionary companies = vault.dictionaries().companies();
        long[] first = new long[companies.size()];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        for (int i = 0; i < selection.size(); i++) {
            int row = selection.row(i);
            int c = t.company(row);
            first[c] = Math.min(first[c], t.date(row));
        }
        long since = now - days * Dates.DAY;
        List<Integer> found = new ArrayList<>();
        for (int c = 0; c < first.length; c++) {
            if (first[c] != Long.MAX_VALUE && first[c] >= since) {
                found.add(c);
            }
        }
        found.sort(Comparator.comparingLong((Integer c) -> first[c]).reversed());
        return Python.addIndex(
                found, (index, c) -> new NewCompany(index, companies.value(c), first[c], Dates.formatDate(first[c])));
    }
}
