package org.stackvault.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stackvault.vault.ModuleGroup;
import org.stackvault.vault.ProjectType;
import org.stackvault.vault.Release;
import org.stackvault.vault.Vault;

/**
 * Which (module, release) pairs a project type or module group stands for, as the
 * original's {@code resolve_modules}: a group's plain modules count in every requested
 * release (every release for 'all'), its per-release modules only in their release.
 */
public final class ModuleScope {
    /** One module in one release. */
    public record ModuleRelease(String module, String release) {}

    private ModuleScope() {}

    /** Module-group ids of the given project types (lower-case ids). */
    public static Set<String> groupsOfProjectTypes(Vault vault, Collection<String> projectTypes) {
        Set<String> groups = new LinkedHashSet<>();
        for (String id : projectTypes) {
            ProjectType pt = vault.reference().projectType(id);
            if (pt != null) {
                groups.addAll(pt.moduleGroups());
            }
        }
        return groups;
    }

    /**
     * The (module, release) pairs of module groups.
     *
     * @param releases the release filter; empty or containing "all" means every release
     */
    public static Set<ModuleRelease> resolve(Vault vault, Collection<String> groupIds, List<String> releases) {
        Set<ModuleRelease> pairs = new LinkedHashSet<>();
        boolean all = releases.isEmpty() || releases.contains("all");
        List<String> allReleases = new ArrayList<>();
        for (Release r : vault.reference().releases()) {
            allReleases.add(r.id());
        }
        for (String id : groupIds) {
            ModuleGroup group = vault.reference().moduleGroups().get(id);
            if (group == null) {
                continue;
            }
            if (all) {
                group.releases().forEach((release, modules) -> {
                    for (String m : modules) {
                        pairs.add(new ModuleRelease(m, release));
                    }
                });
                for (String m : group.modules()) {
                    for (String r : allReleases) {
                        pairs.add(new ModuleRelease(m, r));
                    }
                }
            } else {
                for (String release : releases) {
                    for (String m : group.releases().getOrDefault(release, List.of())) {
                        pairs.add(new ModuleRelease(m, release));
                    }
                    for (String m : group.modules()) {
                        pairs.add(new ModuleRelease(m, release));
                    }
                }
            }
        }
        return pairs;
    }

    /** The plain modules of groups, whatever the release (the engineers' core check). */
    public static Set<String> plainModules(Vault vault, Collection<String> groupIds) {
        Set<String> modules = new LinkedHashSet<>();
        for (String id : groupIds) {
            ModuleGroup group = vault.reference().moduleGroups().get(id);
            if (group != null) {
                modules.addAll(group.modules());
            }
        }
        return modules;
    }
}
