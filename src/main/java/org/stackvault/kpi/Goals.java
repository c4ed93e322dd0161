package org.stackvault.kpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackvault.query.Answers;
import org.stackvault.query.Dates;
import org.stackvault.query.Endpoint;
import org.stackvault.query.ModuleDetails;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.StatsRow;
import org.stackvault.vault.Vault;

/**
 * Evaluates goals as the original's {@code stackalytics-kpi.js} did in the browser, on one
 * vault through {@link Queries} (so each figure is what {@code /api/1.0} answers for the same
 * parameters): a goal on a position, a metric or a share looks the item up in
 * {@code stats/companies|engineers|modules}, "become core" in {@code users/<id>}. Where the
 * original showed nothing (a query the API refuses), the goal fails with the reason.
 * Immutable; one instance serves concurrent views.
 */
public final class Goals {
    /** The longest "during N days". */
    private static final long MAX_DAYS = 36_500;

    private static final Pattern RELEASE = Pattern.compile("Release (\\S+)");
    private static final Pattern GROUP = Pattern.compile("Group (\\S+)");
    private static final Pattern COMPANY = Pattern.compile("Company (\\S+)");
    private static final Pattern USER = Pattern.compile("User (\\S+)");
    private static final Pattern IN = Pattern.compile(".*?(\\s+in\\s+(\\S+)).*");
    private static final Pattern DURING = Pattern.compile(".*?(\\s+during\\s+(\\d+)\\s+days).*");
    private static final Pattern MAKE =
            Pattern.compile("(make|draft|send|write|implement|file|fix|complete)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOP = Pattern.compile("top\\s+(\\d+)\\s+by\\s+(\\S+)");
    private static final Pattern CORE = Pattern.compile("(become|stay)\\s+core");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern LESS_THAN = Pattern.compile("less\\s+than\\s+(\\d+)%\\s+by\\s+(\\S+)");

    /** What a stats goal is about: the endpoint's rows and the word for them. */
    private enum Items {
        COMPANIES(Endpoint.STATS_COMPANIES, "companies"),
        ENGINEERS(Endpoint.STATS_ENGINEERS, "engineers"),
        MODULES(Endpoint.STATS_MODULES, "modules");

        final Endpoint<Answers.Stats> endpoint;
        final String word;

        Items(Endpoint<Answers.Stats> endpoint, String word) {
            this.endpoint = endpoint;
            this.word = word;
        }
    }

    private final Queries queries;

    public Goals(Queries queries) {
        this.queries = queries;
    }

    // ---- the example page --------------------------------------------------------------

    /**
     * The original's {@code /kpi/example}: its fixed goals (release icehouse, Mirantis,
     * boris-42, lzy-dev, glance …) under its three headings, on this vault's data.
     */
    public GoalReport example(Vault vault, long nowSeconds) {
        Evaluation e = new Evaluation(vault, nowSeconds);
        List<GoalResult> position = List.of(
                e.top(
                        params("icehouse", "commits", "openstack"),
                        Items.COMPANIES,
                        "Mirantis",
                        5,
                        "Be in top 5 by commits"),
                e.top(
                        params("icehouse", "marks", "openstack"),
                        Items.ENGINEERS,
                        "boris-42",
                        5,
                        "Be in top 5 by reviews"),
                e.top(
                        params("icehouse", "marks", "glance"),
                        Items.ENGINEERS,
                        "boris-42",
                        3,
                        "Be in top 3 among reviewers"),
                e.metric(
                        params("icehouse", "bpd", "glance"),
                        Items.MODULES,
                        "glance",
                        50,
                        "File at least 50 blueprints into Glance"),
                e.metric(
                        withStart(params("all", "bpd", "glance"), nowSeconds - 30 * Dates.DAY),
                        Items.MODULES,
                        "glance",
                        20,
                        "File at least 20 blueprints into Glance in last month"));
        Map<String, String> stackalytics = params("all", "commits", "stackalytics");
        stackalytics.put("project_type", "all");
        Map<String, String> glanceReviews = params("all", "marks", "glance");
        glanceReviews.put("project_type", "all");
        List<GoalResult> percentage = List.of(
                e.share(
                        stackalytics,
                        Items.COMPANIES,
                        "Mirantis",
                        80,
                        "Mirantis contribution to Stackalytics is less than 80%"),
                e.disagreement(glanceReviews, "lzy-dev", 8, "Disagreement ratio should be less than 8%"));
        List<GoalResult> core = List.of(e.core("lzy-dev", "glance", "Become core engineer in Glance"));
        return new GoalReport(
                List.of(
                        heading("Position in top", position),
                        heading("Percentage in top", percentage),
                        heading("Core status", core)),
                List.of());
    }

    private static GoalSection heading(String title, List<GoalResult> goals) {
        return new GoalSection("heading", title, title, goals, List.of(), List.of());
    }

    private static Map<String, String> params(String release, String metric, String module) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("release", release);
        params.put("metric", metric);
        params.put("module", module);
        return params;
    }

    private static Map<String, String> withStart(Map<String, String> params, long startSeconds) {
        params.put("start_date", Long.toString(startSeconds));
        return params;
    }

    // ---- scripts ---------------------------------------------------------------------

    /**
     * The goals of a script in the original's language: {@code Release <r>:} maps, each of
     * {@code Group <module group>:} (of {@code User <id>:} and {@code Company <name>:}) and
     * {@code Company <name>:}, each a list of statements. Lines that fit none of these are
     * reported as errors where they stand, as the original did.
     *
     * @throws GoalScript.MalformedScriptException when the text is not YAML
     */
    public GoalReport script(String script, Vault vault, long nowSeconds) {
        Object document = GoalScript.read(script);
        Evaluation e = new Evaluation(vault, nowSeconds);
        List<GoalSection> releases = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (document instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String token = String.valueOf(entry.getKey());
                Matcher release = RELEASE.matcher(token);
                if (release.find()) {
                    releases.add(e.release(release.group(1), entry.getValue()));
                } else {
                    errors.add(cannotParseLine(token));
                }
            }
        } else if (document != null) {
            errors.add("The script must be a map of \"Release <name>:\" entries.");
        }
        return new GoalReport(releases, errors);
    }

    private static String cannotParseLine(String token) {
        return "Could not parse line: '" + token + "'";
    }

    /** One script's or the example's evaluation: the vault and the time its durations count from. */
    private final class Evaluation {
        private final Vault vault;
        private final long now;

        Evaluation(Vault vault, long now) {
            this.vault = vault;
            this.now = now;
        }

        GoalSection release(String release, Object details) {
            List<GoalSection> sections = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Map.Entry<?, ?> entry : entries(details, errors)) {
                String token = String.valueOf(entry.getKey());
                Matcher group = GROUP.matcher(token);
                Matcher company = COMPANY.matcher(token);
                if (group.find()) {
                    sections.add(group(group.group(1), release, entry.getValue()));
                } else if (company.find()) {
                    // the original asked module=all, which names no module group: the API
                    // refused it and the goals showed nothing; here a company's goals under a
                    // release span every module unless a statement says "in <module>"
                    sections.add(company(company.group(1), null, release, entry.getValue()));
                } else {
                    errors.add(cannotParseLine(token));
                }
            }
            return new GoalSection("release", release, release, List.of(), errors, sections);
        }

        GoalSection group(String group, String release, Object details) {
            List<GoalSection> sections = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Map.Entry<?, ?> entry : entries(details, errors)) {
                String token = String.valueOf(entry.getKey());
                Matcher user = USER.matcher(token);
                Matcher company = COMPANY.matcher(token);
                if (user.find()) {
                    String id = user.group(1);
                    sections.add(subject("user", Items.ENGINEERS, id, userTitle(id), group, release, entry.getValue()));
                } else if (company.find()) {
                    sections.add(company(company.group(1), group, release, entry.getValue()));
                } else {
                    errors.add(cannotParseLine(token));
                }
            }
            return new GoalSection("group", group, moduleTitle(group), List.of(), errors, sections);
        }

        private List<Map.Entry<?, ?>> entries(Object details, List<String> errors) {
            if (details instanceof Map<?, ?> map) {
                return new ArrayList<>(map.entrySet());
            }
            if (details != null) {
                errors.add("Could not parse line: '" + details + "' (a map of headings was expected)");
            }
            return List.of();
        }

        /** A company's goals, in {@code module} (null: every module) under {@code release}. */
        GoalSection company(String company, String module, String release, Object statements) {
            return subject("company", Items.COMPANIES, company, company, module, release, statements);
        }

        GoalSection subject(
                String kind, Items items, String id, String title, String module, String release, Object statements) {
            List<GoalResult> goals = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            if (statements instanceof List<?> list) {
                for (Object statement : list) {
                    if (statement instanceof String text) {
                        GoalResult goal = statement(text, items, id, module, release);
                        if (goal == null) {
                            errors.add("Could not parse statement: '" + text.trim() + "'");
                        } else {
                            goals.add(goal);
                        }
                    } else {
                        errors.add("Could not parse statement: '" + statement + "'");
                    }
                }
            } else if (statements != null) {
                errors.add("Could not parse line: '" + statements + "' (a list of goals was expected)");
            }
            return new GoalSection(kind, id, title, goals, errors, List.of());
        }

        /** One statement, or null when it is none of the goal kinds. */
        GoalResult statement(String original, Items items, String id, String module, String release) {
            String statement = original;
            String localModule = module;
            String duration = null;
            Matcher in = IN.matcher(statement);
            if (in.find()) {
                localModule = in.group(2);
                statement = removeFirst(statement, in.group(1));
            }
            Matcher during = DURING.matcher(statement);
            if (during.find()) {
                duration = during.group(2);
                statement = removeFirst(statement, during.group(1));
            }
            statement = statement.trim();
            Map<String, String> params;
            Matcher make = MAKE.matcher(statement);
            Matcher top = TOP.matcher(statement);
            Matcher core = CORE.matcher(statement);
            Matcher lessThan = LESS_THAN.matcher(statement);
            if (make.find()) {
                String metric = makeMetric(make.group(1), make.group(3));
                params = options(release, metric, localModule, duration);
                return params == null ? tooLong(original) : metric(params, items, id, count(make.group(2)), original);
            } else if (top.find()) {
                params = options(release, reviewsAreMarks(top.group(2)), localModule, duration);
                return params == null ? tooLong(original) : top(params, items, id, count(top.group(1)), original);
            } else if (core.find()) {
                return core(id, localModule, original);
            } else if (lessThan.find()) {
                params = options(release, reviewsAreMarks(lessThan.group(2)), localModule, duration);
                return params == null
                        ? tooLong(original)
                        : share(params, items, id, count(lessThan.group(1)), original);
            }
            return null;
        }

        private GoalResult tooLong(String goal) {
            return new GoalResult(goal, false, "", "The period is longer than " + MAX_DAYS + " days.");
        }

        /** The original's request options: the period's start (and every release), or the release. */
        private Map<String, String> options(String release, String metric, String module, String duration) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("metric", metric);
            if (module != null) {
                params.put("module", module);
            }
            params.put("project_type", "all");
            if (duration != null) {
                long days = count(duration);
                if (days > MAX_DAYS) {
                    return null;
                }
                params.put("start_date", Long.toString(now - days * Dates.DAY));
                params.put("release", "all");
            } else {
                params.put("release", release);
            }
            return params;
        }

        // ---- the goal kinds, with the original's wording -------------------------------

        GoalResult top(Map<String, String> params, Items items, String id, long position, String goal) {
            String check = id + ": position among " + items.word + " by " + params.get("metric") + describe(params)
                    + ", at most " + position;
            return stats(params, items, id, goal, check, (row, sum) -> {
                if (row.index() == 0) {
                    return new GoalResult(goal, false, check, id + " is not ranked (independent contributors)");
                }
                boolean mark = row.index() <= position;
                return new GoalResult(
                        goal,
                        mark,
                        check,
                        mark
                                ? "Achieved position is " + row.index()
                                : "Position " + row.index() + " is worse than the goal position " + position);
            });
        }

        GoalResult metric(Map<String, String> params, Items items, String id, long target, String goal) {
            String check = id + ": " + params.get("metric") + describe(params) + ", at least " + target;
            return stats(params, items, id, goal, check, (row, sum) -> {
                boolean mark = row.metric() >= target;
                return new GoalResult(
                        goal,
                        mark,
                        check,
                        mark
                                ? "Achieved metric " + row.metric()
                                : "Metric " + row.metric() + " is worse than the goal in " + target);
            });
        }

        GoalResult share(Map<String, String> params, Items items, String id, long percent, String goal) {
            String check = id + ": share of all " + items.word + "' " + params.get("metric") + describe(params)
                    + ", at most " + percent + "%";
            return stats(params, items, id, goal, check, (row, sum) -> {
                double share = (double) row.metric() / sum;
                boolean mark = share <= percent / 100.0;
                String achieved = Double.isNaN(share) ? "NaN%" : Math.round(share * 100) + "%";
                return new GoalResult(
                        goal,
                        mark,
                        check,
                        mark
                                ? "Achieved percentage " + achieved
                                : "Value " + achieved + " is more than the goal " + percent + "%");
            });
        }

        GoalResult disagreement(Map<String, String> params, String id, long percent, String goal) {
            String check = id + ": disagreement ratio" + describe(params) + ", below " + percent + "%";
            return stats(params, Items.ENGINEERS, id, goal, check, (row, sum) -> {
                String ratio = row.marks() == null ? "" : row.marks().disagreementRatio();
                double value = parsePercent(ratio);
                boolean mark = value < percent;
                String shown = Double.isNaN(value) && ratio.startsWith("&#x221E;") ? "\u221E" : ratio;
                return new GoalResult(
                        goal,
                        mark,
                        check,
                        mark
                                ? "Achieved percentage " + shown
                                : "Value " + shown + " is more than the goal " + percent + "%");
            });
        }

        GoalResult core(String userId, String module, String goal) {
            String check = userId + ": core reviewer in " + module;
            Answers.User answer;
            try {
                answer = queries.answer(Endpoint.USER, userId, name -> null, vault);
            } catch (QueryException notFound) {
                return new GoalResult(goal, false, check, "Item " + userId + " is not found in the stats");
            }
            Map<String, Object> user = answer.user();
            boolean core = false;
            if (user.get("core") instanceof List<?> cores) {
                for (Object entry : cores) {
                    if (entry instanceof List<?> pair
                            && !pair.isEmpty()
                            && String.valueOf(pair.get(0)).equals(module)) {
                        core = true;
                    }
                }
            }
            return new GoalResult(
                    goal,
                    core,
                    check,
                    user.get("user_name") + " (" + userId + ") is " + (core ? "" : "not ") + "core engineer in "
                            + module);
        }

        /** The original's {@code processStats}: the item's row (the last with its id) and the sum of the metric. */
        private GoalResult stats(
                Map<String, String> params, Items items, String id, String goal, String check, Comparison comparison) {
            Answers.Stats stats;
            try {
                stats = queries.answer(items.endpoint, null, params::get, vault);
            } catch (QueryException refused) {
                return new GoalResult(goal, false, check, "The statistics cannot be computed: " + refused.getMessage());
            }
            StatsRow found = null;
            long sum = 0;
            for (StatsRow row : stats.stats()) {
                sum += row.metric();
                if (id.equals(row.id())) {
                    found = row;
                }
            }
            if (found == null) {
                return new GoalResult(goal, false, check, "Item " + id + " is not found in the stats");
            }
            return comparison.compare(found, sum);
        }

        private String userTitle(String id) {
            try {
                Map<String, Object> user =
                        queries.answer(Endpoint.USER, id, name -> null, vault).user();
                return user.get("user_name") + " (" + user.get("user_id") + ")";
            } catch (QueryException unknown) {
                return id;
            }
        }

        private String moduleTitle(String id) {
            try {
                ModuleDetails module = queries.answer(Endpoint.MODULE, id.toLowerCase(Locale.ROOT), name -> null, vault)
                        .module();
                return module.name() + " (" + module.id() + ")";
            } catch (QueryException unknown) {
                return id;
            }
        }
    }

    @FunctionalInterface
    private interface Comparison {
        GoalResult compare(StatsRow row, long sum);
    }

    /** The statement's metric as the original mapped its noun (and verb, for blueprints and bugs). */
    private static String makeMetric(String verb, String noun) {
        return switch (noun) {
            case "blueprints" -> verb.equals("draft") || verb.equals("file") ? "bpd" : "bpc";
            case "bugs" -> verb.equals("file") ? "filed-bugs" : "resolved-bugs";
            default -> reviewsAreMarks(noun);
        };
    }

    private static String reviewsAreMarks(String noun) {
        return noun.equals("reviews") ? "marks" : noun;
    }

    /** A count the patterns matched as digits; too many digits count as the largest long. */
    private static long count(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** JavaScript's {@code parseFloat} of a ratio like "7.5%": the leading number, or NaN. */
    private static double parsePercent(String ratio) {
        Matcher m = LEADING_NUMBER.matcher(ratio);
        return m.find() ? Double.parseDouble(m.group().trim()) : Double.NaN;
    }

    /** JavaScript's {@code String.replace} with a string: the first occurrence only. */
    private static String removeFirst(String text, String part) {
        int at = text.indexOf(part);
        return at < 0 ? text : text.substring(0, at) + text.substring(at + part.length());
    }

    /** Where a goal's figure is counted, in words: " in nova, project type all, release juno". */
    private static String describe(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        if (params.containsKey("module")) {
            text.append(" in ").append(params.get("module"));
        }
        if (params.containsKey("project_type")) {
            text.append(", project type ").append(params.get("project_type"));
        }
        if (params.containsKey("start_date")) {
            text.append(", since ").append(Dates.formatDate(Long.parseLong(params.get("start_date"))));
        } else {
            text.append(", release ").append(params.get("release"));
        }
        return text.toString();
    }
}
