package org.stackvault.cli;

import java.util.List;
import java.util.Map;

/**
 * The reference data of a generated data set as the processor stores it (the values of
 * {@code releases}, {@code module_groups}, {@code project_types}, {@code repos},
 * {@code companies}), plus what the record generator derives from it: the release
 * calendar, the modules with the kinds of activity each sees, and the users listed in the
 * default data (normalised). Immutable by convention.
 */
record StoredReference(
        List<Map<String, Object>> releases,
        Map<String, Map<String, Object>> moduleGroups,
        List<Map<String, Object>> projectTypes,
        List<Map<String, Object>> repos,
        Companies companies,
        Timeline timeline,
        List<Module> modules,
        List<Map<String, Object>> listedUsers) {

    /**
     * A module (one repo) and the activity it sees.
     *
     * @param project     Gerrit project name ({@code openstack/nova})
     * @param reviewed    its changes go through the OpenStack Gerrit (reviews, patch sets, marks)
     * @param launchpad   it tracks bugs and blueprints on Launchpad
     * @param translated  it is translated on Zanata
     * @param branch      its default branch
     * @param weight      relative share of the activity
     */
    record Module(
            String name,
            String organization,
            String project,
            boolean reviewed,
            boolean launchpad,
            boolean translated,
            String branch,
            double weight) {}
}
