package org.stackvault.query;

/**
 * An item of a list the dashboard offers to choose from: the parameter value {@code id}
 * and what it shows, {@code text}.
 */
public sealed interface Choice permits IdText, ModuleItem, UserItem, ReleaseItem, ProjectTypeItem {
    String id();

    String text();
}
