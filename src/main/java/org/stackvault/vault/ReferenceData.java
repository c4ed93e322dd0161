package org.stackvault.vault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stackvault.source.UndecodableValueException;

/**
 * The processor's reference data: releases, module groups, project types, repos.
 * Immutable; thread-safe.
 */
public final class ReferenceData {
    static final String PREHISTORY = "prehistory";
    /** The keys without which every request of a query answers 404 (unknown release, project type ...). */
    static final List<String> REQUIRED_KEYS = List.of("releases", "module_groups", "project_types");

    private final List<Release> releases;
    private final Map<String, Release> releasesById;
    private final String currentRelease;
    private final Map<String, ModuleGroup> moduleGroups;
    private final Map<String, ModuleGroup> moduleGroupsByLowerId;
    private final List<ProjectType> projectTypes;
    private final Map<String, ProjectType> projectTypesById;
    private final Map<String, String> repoUris;
    private final long allReleasesStart;
    private final long allReleasesEnd;
    private final Set<String> storedKeys;
    private final Set<String> knownModules;
    private final Set<String> knownReleases;

    private ReferenceData(
            List<Release> releases,
            long allReleasesStart,
            long allReleasesEnd,
            String currentRelease,
            Map<String, ModuleGroup> moduleGroups,
            List<ProjectType> projectTypes,
            Map<String, String> repoUris,
            Set<String> storedKeys,
            Set<String> knownReleases) {
        this.releases = List.copyOf(releases);
        Map<String, Release> byId = new LinkedHashMap<>();
        for (Release r : releases) {
            byId.put(r.id(), r);
        }
        this.releasesById = Collections.unmodifiableMap(byId);
        this.currentRelease = currentRelease;
        this.moduleGroups = Collections.unmodifiableMap(new LinkedHashMap<>(moduleGroups));
        this.moduleGroupsByLowerId = lowerIdIndex(moduleGroups.values());
        this.projectTypes = List.copyOf(projectTypes);
        Map<String, ProjectType> ptById = new LinkedHashMap<>();
        for (ProjectType pt : projectTypes) {
            ptById.put(pt.id(), pt);
        }
        this.projectTypesById = Collections.unmodifiableMap(ptById);
        this.repoUris = Map.copyOf(repoUris);
        this.allReleasesStart = allReleasesStart;
        this.allReleasesEnd = allReleasesEnd;
        this.storedKeys = Set.copyOf(storedKeys);
        Set<String> modules = new HashSet<>();
        for (ModuleGroup group : moduleGroups.values()) {
            modules.addAll(group.modules());
            group.releases().values().forEach(modules::addAll);
        }
        this.knownModules = Set.copyOf(modules);
        this.knownReleases = Set.copyOf(knownReleases);
    }

    /**
     * Groups by lower-cased id. Of ids that differ only in letter case, the all-lower-case
     * one wins (the id the original's validation looked for), else the first stored.
     */
    private static Map<String, ModuleGroup> lowerIdIndex(Collection<ModuleGroup> groups) {
        Map<String, ModuleGroup> index = new HashMap<>();
        for (ModuleGroup group : groups) {
            String lower = group.id().toLowerCase(Locale.ROOT);
            if (lower.equals(group.id())) {
                index.put(lower, group);
            } else {
                index.putIfAbsent(lower, group);
            }
        }
        return Map.copyOf(index);
    }

    static final ReferenceData EMPTY =
            new ReferenceData(List.of(), 0, 0, "all", Map.of(), List.of(), Map.of(), Set.of(), Set.of());

    /**
     * Parses the stored values; a null value is a key the source does not hold.
     *
     * @param firstRecordDay the day of the earliest record, where the first release starts
     * @param now            seconds; picks the current release (the first that has not ended)
     * @throws UndecodableValueException when a value is not of the type the processor writes
     */
    static ReferenceData parse(
            Object releases, Object moduleGroups, Object projectTypes, Object repos, long firstRecordDay, long now) {
        requireType("releases", releases, Collection.class, "list");
        requireType("module_groups", moduleGroups, Map.class, "dict");
        requireType("project_types", projectTypes, Collection.class, "list");
        requireType("repos", repos, Collection.class, "list");
        Set<String> stored = new LinkedHashSet<>();
        if (releases != null) {
            stored.add("releases");
        }
        if (moduleGroups != null) {
            stored.add("module_groups");
        }
        if (projectTypes != null) {
            stored.add("project_types");
        }
        List<Map<?, ?>> raw = dicts(releases);
        long start = raw.isEmpty() ? 0 : number(raw.get(0).get("end_date"));
        long end = raw.isEmpty() ? 0 : number(raw.get(raw.size() - 1).get("end_date"));
        Set<String> releaseNames = new HashSet<>();
        for (Map<?, ?> r : raw) {
            String name = text(r.get("release_name"));
            if (name != null) {
                releaseNames.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new ReferenceData(
                parseReleases(releases, firstRecordDay),
                start,
                end,
                currentRelease(releases, now),
                parseModuleGroups(moduleGroups),
                parseProjectTypes(projectTypes),
                parseRepos(repos),
                stored,
                releaseNames);
    }

    private static void requireType(String key, Object value, Class<?> type, String pythonType) {
        if (value != null && !type.isInstance(value)) {
            throw new UndecodableValueException(
                    key + " is a " + value.getClass().getSimpleName() + ", not a " + pythonType);
        }
    }

    private static List<Map<?, ?>> dicts(Object value) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            for (Object item : c) {
                if (item instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String text(Object v) {
        return ParsedRecord.text(v);
    }

    /** Every release but 'prehistory', each starting where the previous one ended. */
    private static List<Release> parseReleases(Object value, long firstRecordDay) {
        List<Map<?, ?>> raw = dicts(value);
        List<Release> out = new ArrayList<>();
        long start = firstRecordDay * 86400L;
        for (Map<?, ?> r : raw) {
            String name = text(r.get("release_name"));
            long end = number(r.get("end_date"));
            if (name != null && !PREHISTORY.equalsIgnoreCase(name)) {
                out.add(new Release(name, start, end, text(r.get("project"))));
            }
            start = end;
        }
        return out;
    }

    private static String currentRelease(Object value, long now) {
        List<Map<?, ?>> raw = dicts(value);
        if (raw.isEmpty()) {
            return "all";
        }
        for (Map<?, ?> r : raw) {
            if (number(r.get("end_date")) > now && text(r.get("release_name")) != null) {
                return text(r.get("release_name")).toLowerCase(Locale.ROOT);
            }
        }
        String last = text(raw.get(raw.size() - 1).get("release_name"));
        return last == null ? "all" : last.toLowerCase(Locale.ROOT);
    }

    private static Map<String, ModuleGroup> parseModuleGroups(Object value) {
        Map<String, ModuleGroup> out = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> map)) {
            return out;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> g) || text(e.getKey()) == null) {
                continue;
            }
            String id = text(e.getKey());
            Map<String, List<String>> releases = new LinkedHashMap<>();
            if (g.get("releases") instanceof Map<?, ?> byRelease) {
                byRelease.forEach((release, modules) -> releases.put(text(release), texts(modules)));
            }
            String name = text(g.get("module_group_name"));
            out.put(
                    id,
                    new ModuleGroup(
                            id,
                            name == null ? id : name,
                            text(g.get("tag")),
                            texts(g.get("modules")),
                            releases,
                            g.containsKey("modules"),
                            g.containsKey("releases")));
        }
        return out;
    }

    private static List<String> texts(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            for (Object item : c) {
                String s = text(item);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static List<ProjectType> parseProjectTypes(Object value) {
        List<ProjectType> out = new ArrayList<>();
        String parent = null;
        for (Map<?, ?> pt : dicts(value)) {
            String id = text(pt.get("id"));
            if (id == null) {
                continue;
            }
            boolean child = Boolean.TRUE.equals(pt.get("child"));
            String title = text(pt.get("title"));
            out.add(new ProjectType(
                    id, title == null ? id : title, texts(pt.get("modules")), child, child ? parent : null));
            if (!child) {
                parent = id;
            }
        }
        return out;
    }

    private static Map<String, String> parseRepos(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<?, ?> repo : dicts(value)) {
            String module = text(repo.get("module"));
            String uri = text(repo.get("uri"));
            if (module != null && uri != null) {
                out.put(module, uri);
            }
        }
        return out;
    }

    /** Releases in order, 'prehistory' left out. */
    public List<Release> releases() {
        return releases;
    }

    /**
     * Where the timeline of all releases starts: the end of the first stored release
     * (normally 'prehistory'), as the original has it.
     */
    public long allReleasesStart() {
        return allReleasesStart;
    }

    /** Where the timeline of all releases ends: the end of the last release. */
    public long allReleasesEnd() {
        return allReleasesEnd;
    }

    /** The release named {@code id} (lower case), or null. */
    public Release release(String id) {
        return releasesById.get(id);
    }

    /** The default release: the first that has not ended when the vault was built, else the last. */
    public String currentRelease() {
        return currentRelease;
    }

    /** Every module group by its stored id, in stored order. */
    public Map<String, ModuleGroup> moduleGroups() {
        return moduleGroups;
    }

    /**
     * The module group a requested id names: the group stored under exactly {@code id},
     * else the one whose id equals it ignoring letter case (see {@link #lowerIdIndex}); or
     * null. Stored ids are not always lower case ({@code FDio}, {@code Envoy Proxy}), and
     * some differ from another group's only in case ({@code Prometheus}, {@code prometheus}).
     */
    public ModuleGroup moduleGroup(String id) {
        ModuleGroup exact = moduleGroups.get(id);
        return exact != null ? exact : moduleGroupsByLowerId.get(id.toLowerCase(Locale.ROOT));
    }

    public List<ProjectType> projectTypes() {
        return projectTypes;
    }

    /** The project type {@code id} (lower case), or null. */
    public ProjectType projectType(String id) {
        return projectTypesById.get(id);
    }

    /** Which of {@link #REQUIRED_KEYS} the source held. */
    Set<String> storedKeys() {
        return storedKeys;
    }

    /** Whether a module group lists {@code module} (for any release). */
    boolean knownModule(String module) {
        return knownModules.contains(module);
    }

    /** Whether {@code release} (lower case) is a stored release, 'prehistory' included. */
    boolean knownRelease(String release) {
        return knownReleases.contains(release);
    }

    /** The repository URI of a module, or null. */
    public String repoUri(String module) {
        return repoUris.get(module);
    }
}
