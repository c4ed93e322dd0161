package org.stackvault.query;

import java.util.List;

/** {@code /modules/<id>}: a module group and its modules in the release. */
public record ModuleDetails(String id, String name, String tag, List<ModuleChild> modules) {}
