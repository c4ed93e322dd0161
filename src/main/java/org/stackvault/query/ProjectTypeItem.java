package org.stackvault.query;

/** An item of {@code /project_types}: a project type, and whether it is a child of the one before it. */
public record ProjectTypeItem(String id, String text, boolean child) implements Choice {}
