package org.stackvault.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stackvault.vault.Vault;

/**
 * The common filters of a request, parsed, defaulted and validated against a vault, as
 * the original's {@code _prepare_params} does. Immutable.
 *
 * <p>Lists keep the request's order; names that the original compares case-insensitively
 * (release, project type, metric, language) are lower-cased; module ids become the id of
 * the group they name ({@link org.stackvault.vault.ReferenceData#moduleGroup}).
 */
public record Filter(
        List<String> releases,
        List<String> projectTypes,
        List<String> modules,
        List<String> companies,
        List<String> userIds,
        List<String> metrics,
        Long startDate,
        Long endDate,
        List<String> blueprintIds,
        String coreIn,
        List<String> languages) {

    public Filter {
        releases = List.copyOf(releases);
        projectTypes = List.copyOf(projectTypes);
        modules = List.copyOf(modules);
        companies = List.copyOf(companies);
        userIds = List.copyOf(userIds);
        metrics = List.copyOf(metrics);
        blueprintIds = List.copyOf(blueprintIds);
        languages = List.copyOf(languages);
    }

    /**
     * Parses the filters of a request and validates them against {@code vault}.
     *
     * @throws QueryException 404 for an unknown release, project type, module, company,
     *                        user or metric; 400 for a malformed date
     */
    public static Filter parse(RequestParams params, Vault vault, Defaults defaults) {
        Filter filter = new Filter(
                lower(list(params, Param.RELEASE, defaults.release(vault))),
                lower(list(params, Param.PROJECT_TYPE, defaults.projectType())),
                moduleIds(vault, list(params, Param.MODULE, null)),
                list(params, Param.COMPANY, null),
                list(params, Param.USER_ID, null),
                lower(list(params, Param.METRIC, defaults.metric())),
                date(params, Param.START_DATE),
                date(params, Param.END_DATE),
                list(params, Param.BLUEPRINT_ID, null),
                single(params, Param.CORE_IN),
                lower(list(params, Param.LANGUAGE, null)));
        filter.validate(vault);
        return filter;
    }

    private static List<String> list(RequestParams params, Param param, String defaultValue) {
        String raw = params.first(param.id());
        if (raw == null || raw.isEmpty()) {
            return defaultValue == null ? List.of() : List.of(defaultValue);
        }
        return Arrays.asList(raw.split(",", -1));
    }

    private static String single(RequestParams params, Param param) {
        String raw = params.first(param.id());
        return raw == null || raw.isEmpty() ? null : raw;
    }

    private static List<String> lower(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(v.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The stored id of each value's module group; values naming none stay, for validation to refuse. */
    private static List<String> moduleIds(Vault vault, List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            org.stackvault.vault.ModuleGroup group = vault.reference().moduleGroup(v);
            out.add(group == null ? v : group.id());
        }
        return out;
    }

    private static Long date(RequestParams params, Param param) {
        String raw = params.first(param.id());
        return raw == null || raw.isEmpty() ? null : Dates.parseDateParam(param.id(), raw);
    }

    private void validate(Vault vault) {
        for (String r : releases) {
            if (!r.equals("all") && vault.reference().release(r) == null) {
                throw QueryException.unknown(Param.RELEASE.id(), r);
            }
        }
        for (String pt : projectTypes) {
            if (vault.reference().projectType(pt) == null) {
                throw QueryException.unknown(Param.PROJECT_TYPE.id(), pt);
            }
        }
        for (String m : modules) {
            if (!vault.reference().moduleGroups().containsKey(m)) {
                throw QueryException.unknown(Param.MODULE.id(), m);
            }
        }
        for (String c : companies) {
            if (vault.companyByFoldedName(foldCompany(c)) < 0) {
                throw QueryException.unknown(Param.COMPANY.id(), c);
            }
        }
        for (String u : userIds) {
            if (vault.userCode(u) < 0) {
                throw QueryException.unknown(Param.USER_ID.id(), u);
            }
        }
        for (String m : metrics) {
            if (!m.equals("all") && Metric.of(m) == null) {
                throw QueryException.unknown(Param.METRIC.id(), m);
            }
        }
    }

    /** How the company filter folds names: lower case, without '&'. */
    public static String foldCompany(String name) {
        return name.toLowerCase(Locale.ROOT).replace("&", "");
    }

    /** This filter with {@code ignored} parameters blanked (the original's {@code ignore=[...]}). */
    public Filter without(Set<Param> ignored) {
        if (ignored.isEmpty()) {
            return this;
        }
        return new Filter(
                ignored.contains(Param.RELEASE) ? List.of() : releases,
                ignored.contains(Param.PROJECT_TYPE) ? List.of() : projectTypes,
                ignored.contains(Param.MODULE) ? List.of() : modules,
                ignored.contains(Param.COMPANY) ? List.of() : companies,
                ignored.contains(Param.USER_ID) ? List.of() : userIds,
                ignored.contains(Param.METRIC) ? List.of() : metrics,
                ignored.contains(Param.START_DATE) ? null : startDate,
                ignored.contains(Param.END_DATE) ? null : endDate,
                ignored.contains(Param.BLUEPRINT_ID) ? List.of() : blueprintIds,
                ignored.contains(Param.CORE_IN) ? null : coreIn,
                ignored.contains(Param.LANGUAGE) ? List.of() : languages);
    }

    /** The first release, or null. */
    public String release() {
        return releases.isEmpty() ? null : releases.get(0);
    }

    public boolean allReleases() {
        return releases.contains("all");
    }

    /**
     * A canonical, unambiguous text of the values of {@code params} (the response cache's
     * key): filters that select the same rows and print the same give the same text.
     * Values are as parsed (names lower-cased, companies folded, dates as days, defaults
     * filled in); lists whose order no query reads (metrics, blueprints, languages) are
     * sorted, the others keep it (the first release, project type, company or user is
     * read on its own).
     */
    public String canonical(Set<Param> params) {
        StringBuilder key = new StringBuilder(64);
        for (Param p : params) {
            key.append(p.ordinal());
            switch (p) {
                case RELEASE -> appendAll(key, releases);
                case PROJECT_TYPE -> appendAll(key, projectTypes);
                case MODULE -> appendAll(key, modules);
                case COMPANY ->
                    appendAll(key, companies.stream().map(Filter::foldCompany).toList());
                case USER_ID -> appendAll(key, userIds);
                case METRIC -> appendAll(key, metrics.stream().sorted().toList());
                case START_DATE -> append(key, startDate == null ? null : startDate.toString());
                case END_DATE -> append(key, endDate == null ? null : endDate.toString());
                case BLUEPRINT_ID ->
                    appendAll(key, blueprintIds.stream().sorted().toList());
                case CORE_IN -> append(key, coreIn);
                case LANGUAGE -> appendAll(key, languages.stream().sorted().toList());
            }
        }
        return key.toString();
    }

    private static void appendAll(StringBuilder key, List<String> values) {
        key.append('[').append(values.size());
        for (String v : values) {
            append(key, v);
        }
        key.append(']');
    }

    /** Length-prefixed, so no value can imitate a separator. */
    public static void append(StringBuilder key, String value) {
        if (value == null) {
            key.append('-');
        } else {
            key.append(value.length()).append(':').append(value);
        }
    }
}
