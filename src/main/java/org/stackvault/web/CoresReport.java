package org.stackvault.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.stackvault.query.Answers;
import org.stackvault.query.Endpoint;
import org.stackvault.query.ProjectTypeItem;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.UserItem;
import org.stackvault.vault.Vault;

/**
 * {@code /report/cores} ("Cores in <project type>"): how many core reviewers (on master) each
 * company has in each module, from {@code users?project_type=<type>&release=all&core_in=master}
 * as the original's script counted them: companies in the order their first core appears,
 * modules sorted, a Total column and a Total row. Immutable.
 *
 * @param projectType the project type asked (the default one when none is given)
 * @param types       the project type select's choices
 * @param modules     the columns, sorted
 * @param rows        a row per company
 * @param totals      the Total row: cores per module
 * @param total       all cells summed
 */
record CoresReport(
        String projectType,
        List<TypeChoice> types,
        List<Module> modules,
        List<CompanyCores> rows,
        List<Integer> totals,
        int total) {

    /** A choice of the project type select; {@code child} under its group. */
    record TypeChoice(String id, String text, boolean child, boolean selected) {}

    /** A column: the module and its contribution report of the last 30 days. */
    record Module(String name, String href) {}

    /**
     * A company's row: its name (null for users without a company), its total, and per
     * module (in {@link #modules()}'s order) the core reviewers' names.
     */
    record CompanyCores(String company, int total, List<List<String>> cores) {}

    /**
     * The matrix of {@code projectType} (null: the default project type).
     *
     * @throws QueryException 404 for an unknown project type, as the API
     */
    static CoresReport build(Queries queries, Vault vault, String contextPath, String projectType) {
        Map<String, String> params = new LinkedHashMap<>();
        if (projectType != null) {
            params.put("project_type", projectType);
        }
        params.put("release", "all");
        params.put("core_in", "master");
        var request = queries.parse(Endpoint.USERS, null, params::get, vault);
        String type = request.filter().projectTypes().get(0);
        Answers.Users users = (Answers.Users) queries.answer(request);

        Map<String, Map<String, List<String>>> byCompany = new LinkedHashMap<>();
        TreeSet<String> moduleNames = new TreeSet<>();
        for (UserItem user : users.data()) {
            Map<String, List<String>> cores = byCompany.computeIfAbsent(user.companyName(), k -> new LinkedHashMap<>());
            for (String module : user.core() == null ? List.<String>of() : user.core()) {
                cores.computeIfAbsent(module, k -> new ArrayList<>()).add(user.text());
                moduleNames.add(module);
            }
        }
        List<Module> modules = new ArrayList<>();
        for (String module : moduleNames) {
            modules.add(new Module(
                    module, contextPath + "/report/contribution/" + AffiliationReport.segment(module) + "/30"));
        }
        int[] totals = new int[modules.size()];
        List<CompanyCores> rows = new ArrayList<>();
        byCompany.forEach((company, cores) -> {
            List<List<String>> cells = new ArrayList<>();
            int sum = 0;
            int column = 0;
            for (String module : moduleNames) {
                List<String> names = List.copyOf(cores.getOrDefault(module, List.of()));
                cells.add(names);
                sum += names.size();
                totals[column++] += names.size();
            }
            rows.add(new CompanyCores(company, sum, List.copyOf(cells)));
        });
        List<Integer> columnTotals = new ArrayList<>();
        int total = 0;
        for (int t : totals) {
            columnTotals.add(t);
            total += t;
        }
        return new CoresReport(
                type,
                types(queries, vault, type),
                List.copyOf(modules),
                List.copyOf(rows),
                List.copyOf(columnTotals),
                total);
    }

    private static List<TypeChoice> types(Queries queries, Vault vault, String current) {
        List<TypeChoice> choices = new ArrayList<>();
        for (ProjectTypeItem item : queries.answer(Endpoint.PROJECT_TYPES, null, name -> null, vault)
                .data()) {
            choices.add(new TypeChoice(
                    item.id(), item.text(), item.child(), item.id().equals(current)));
        }
        return List.copyOf(choices);
    }
}
