package org.stackvault.query;

import java.util.ArrayList;
import java.util.Collection;
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
    private ListQuery() {
    }

    private static Map<String, Object> idText(String id, String text) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("text", text);
        return item;
    }

    private static boolean[] presentCodes(Selection selection, int size, java.util.function.IntUnaryOperator column) {
        boolean[] present = new boolean[size];
        for (int i = 0; i < selection.size(); i++) {
            present[column.applyAsInt(selection.row(i))] = true;
        }
        return present;
    }

    /** {@code /companies}: companies of the selected records (plus the requested one), by name. */
    public static List<Map<String, Object>> companies(Vault vault, Selection selection, Filter filter) {
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
            int code = vault.companyByFoldedName(Filter.foldCompany(filter.companies().get(0)));
            if (code > 0) {
                names.add(companies.value(code));
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Python.STRING_ORDER);
        List<Map<String, Object>> out = new ArrayList<>(sorted.size());
        for (String name : sorted) {
            out.add(idText(Filter.foldCompany(name), name));
        }
        return out;
    }

    /**
     * {@code /modules}: module groups of the selected records' modules, plus groups holding
     * any of those modules, optionally only with the given tags; by name.
     */
    public static List<Map<String, Object>> modules(Vault vault, Selection selection, Collection<String> tags) {
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
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            ModuleGroup group = groups.get(id);
            if (group == null || (!tags.isEmpty() && !tags.contains(group.tag()))) {
                continue;
            }
            Map<String, Object> item = idText(group.id(), group.name());
            item.put("tag", group.tag());
            out.add(item);
        }
        out.sort((a, b) -> Python.STRING_ORDER.compare((String) a.get("text"), (String) b.get("text")));
        return out;
    }

    /** {@code /languages}: languages of the selected translations, by name. */
    public static List<Map<String, Object>> languages(Vault vault, Selection selection) {
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
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : sorted) {
            out.add(idText(Filter.foldCompany(name), name));
        }
        return out;
    }

    /** {@code /stats/languages}: translated words per language. */
    public static List<Map<String, Object>> languageStats(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        StringDictionary values = vault.dictionaries().values();
        Map<Integer, Long> words = new LinkedHashMap<>();
        for (int i = 0; i < selection.size(); i++) {
            int row = selection.row(i);
            if (t.type(row) == RecordType.TR) {
                words.merge(t.textValue(row), (long) t.loc(row), Long::sum);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        words.forEach((code, n) -> {
            String name = code > 0 ? values.value(code) : null;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", name);
            item.put("name", name);
            item.put("metric", n);
            out.add(item);
        });
        Python.sortByMetricDescending(out);
        Python.addIndex(out);
        return out;
    }

    /**
     * {@code /users}: users of the selected records (plus the requested one) by name; with
     * {@code core_in}, only core reviewers on those branches of the filter's modules.
     */
    public static List<Map<String, Object>> users(Vault vault, Selection selection, Filter filter, long now) {
        RecordTable t = vault.records();
        StringDictionary users = vault.dictionaries().users();
        Set<String> coreIn = null;
        Set<String> validModules = Set.of();
        if (filter.coreIn() != null) {
            // the original reads only the first comma-separated value of core_in
            coreIn = Set.of(filter.coreIn().split(",", -1)[0]);
            validModules = new HashSet<>();
            for (ModuleScope.ModuleRelease mr : ModuleScope.resolve(vault,
                    ModuleScope.groupsOfProjectTypes(vault, filter.projectTypes()), filter.releases())) {
                validModules.add(mr.module());
            }
        }
        boolean[] present = presentCodes(selection, users.size(), t::user);
        if (!filter.userIds().isEmpty()) {
            // validated: the id (or its case-insensitive match) is in the records
            present[vault.userCode(filter.userIds().get(0))] = true;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int code = 1; code < present.length; code++) {
            if (!present[code]) {
                continue;
            }
            String id = users.value(code);
            UserProfile user = vault.userProfile(code);
            String text = user == null ? id : user.userName() != null && !user.userName().isEmpty() ? user.userName()
                    : user.userId();
            Map<String, Object> item = idText(id, text);
            boolean add = coreIn == null;
            if (coreIn != null && user != null && !user.core().isEmpty()) {
                List<String> coreModules = new ArrayList<>();
                for (UserProfile.CoreRole role : user.core()) {
                    if (coreIn.contains(role.branch()) && validModules.contains(role.module())) {
                        coreModules.add(role.module());
                    }
                }
                if (!coreModules.isEmpty()) {
                    item.put("core", coreModules);
                    if (!user.companies().isEmpty()) {
                        item.put("company_name", user.currentCompany(now));
                    }
                    add = true;
                }
            }
            if (add) {
                out.add(item);
            }
        }
        out.sort((a, b) -> Python.STRING_ORDER.compare((String) a.get("text"), (String) b.get("text")));
        return out;
    }

    /** {@code /releases}: newest first, 'all' on top, and the default release. */
    public static Map<String, Object> releases(Vault vault, Defaults defaults) {
        List<Map<String, Object>> data = new ArrayList<>();
        data.add(idText("all", "All"));
        List<Release> releases = vault.reference().releases();
        for (int i = releases.size() - 1; i >= 0; i--) {
            Release r = releases.get(i);
            Map<String, Object> item = idText(r.name(), Python.capitalize(r.name()));
            item.put("project", r.project());
            data.add(item);
        }
        return dataAndDefault(data, defaults.release(vault));
    }

    /** {@code /metrics}: metrics with labels, by label, and the default metric. */
    public static Map<String, Object> metrics(Defaults defaults) {
        List<Map<String, Object>> data = new ArrayList<>();
        TreeMap<String, String> byLabel = new TreeMap<>(Python.STRING_ORDER);
        for (Metric m : Metric.values()) {
            if (m.label() != null) {
                byLabel.put(m.label(), m.id());
            }
        }
        byLabel.forEach((label, id) -> data.add(idText(id, label)));
        return dataAndDefault(data, defaults.metric());
    }

    /** {@code /project_types}: in stored order, and the default project type. */
    public static Map<String, Object> projectTypes(Vault vault, Defaults defaults) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (ProjectType pt : vault.reference().projectTypes()) {
            Map<String, Object> item = idText(pt.id(), pt.title());
            item.put("child", pt.child());
            data.add(item);
        }
        return dataAndDefault(data, defaults.projectType());
    }

    private static Map<String, Object> dataAndDefault(List<Map<String, Object>> data, String defaultValue) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("default", defaultValue);
        return out;
    }

    /** {@code /companies/<name>}: the company as requested and as stored. */
    public static Map<String, Object> company(Vault vault, String name) {
        int code = vault.companyByFoldedName(Filter.foldCompany(name));
        if (code <= 0) {
            throw QueryException.notFound("no company '" + name + "'");
        }
        return idText(name, vault.dictionaries().companies().value(code));
    }

    /**
     * {@code /modules/<id>}: a module group with its modules in the release, each marked
     * visible when the project type includes it.
     */
    public static Map<String, Object> module(Vault vault, String moduleId, String projectType, String release) {
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
        Set<ModuleScope.ModuleRelease> visible = ModuleScope.resolve(vault,
                ModuleScope.groupsOfProjectTypes(vault, List.of(projectType)), releases);
        List<Map<String, Object>> children = new ArrayList<>();
        for (ModuleScope.ModuleRelease mr : own) {
            Map<String, Object> child = new LinkedHashMap<>();
            child.put("module_name", mr.module());
            child.put("visible", visible.contains(mr));
            String uri = vault.reference().repoUri(mr.module());
            if (uri != null) {
                child.put("repo_uri", uri);
            }
            children.add(child);
        }
        children.sort((a, b) -> Python.STRING_ORDER.compare((String) a.get("module_name"),
                (String) b.get("module_name")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("tag", group.tag());
        out.put("modules", children);
        return out;
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
    public static List<Map<String, Object>> affiliationChanges(Vault vault, long start, long end) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (UserProfile user : vault.users().all()) {
            List<UserProfile.Affiliation> companies = user.companies();
            for (int i = 1; i < companies.size(); i++) {
                long date = companies.get(i - 1).endDate();
                if (start <= date && date <= end) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("user_id", user.userId());
                    change.put("user_name", user.userName());
                    change.put("old_company_name", companies.get(i - 1).companyName());
                    change.put("new_company_name", companies.get(i).companyName());
                    change.put("date", date);
                    out.add(change);
                }
            }
        }
        return out;
    }

    /** {@code /new_companies}: companies whose first selected record is at most {@code days} old. */
    public static List<Map<String, Object>> newCompanies(Vault vault, Selection selection, long days, long now) {
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
        List<Map<String, Object>> out = new ArrayList<>();
        for (int c = 0; c < first.length; c++) {
            if (first[c] != Long.MAX_VALUE && first[c] >= since) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", companies.value(c));
                item.put("date", first[c]);
                item.put("date_str", Dates.formatDate(first[c]));
                out.add(item);
            }
        }
        out.sort((a, b) -> Long.compare((Long) b.get("date"), (Long) a.get("date")));
        Python.addIndex(out);
        return out;
    }
}
