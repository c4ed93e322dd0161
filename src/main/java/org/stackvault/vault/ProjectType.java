package org.stackvault.vault;

import java.util.List;

/**
 * A project type: its module-group ids; a child belongs to the last non-child before it
 * ({@code parentId}). Immutable.
 */
public record ProjectType(String id, String title, List<String> moduleGroups, boolean child, String parentId) {
    public ProjectType {
        moduleGroups = List.copyOf(moduleGroups);
    }
}
