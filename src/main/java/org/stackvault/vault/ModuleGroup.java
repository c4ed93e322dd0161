package org.stackvault.vault;

import java.util.List;
import java.util.Map;

/**
 * A module group ({@code module_groups[id]}): plain modules, and for project-type groups
 * like {@code openstack-official} the modules of each release. Immutable.
 */
public record ModuleGroup(
        String id,
        String name,
        String tag,
        List<String> modules,
        Map<String, List<String>> releases,
        boolean hasModules,
        boolean hasReleases) {
    public ModuleGroup {
        modules = List.copyOf(modules);
        releases = Map.copyOf(releases);
    }
}
