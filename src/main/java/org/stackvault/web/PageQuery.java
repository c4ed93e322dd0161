package org.stackvault.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.stackvault.query.Dates;
import org.stackvault.query.Param;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;

/**
 * The state of a page as its URL holds it: the dashboard's parameters that were given (an
 * empty value is no value, as in the original), in a fixed order, lower-cased where the
 * original's dashboard lower-cases them. Links are built from it, never from request text
 * pasted together. Immutable.
 */
final class PageQuery {
    /**
     * The parameters of the original's pages: the API's common filters but {@code core_in}, in
     * their order, and {@code date} (days back from now).
     */
    static final List<String> PARAMS = Stream.concat(
                    Stream.of(Param.values()).filter(p -> p != Param.CORE_IN).map(Param::id), Stream.of("date"))
            .toList();

    private static final Set<String> LOWER_CASED =
            Set.of("release", "project_type", "module", "company", "metric", "language");
    /** The longest {@code date=N}: about a century. */
    private static final long MAX_DAYS = 36_500;

    private final Scope scope;
    private final String contextPath;
    private final Map<String, String> values;

    private PageQuery(Scope scope, String contextPath, Map<String, String> values) {
        this.scope = scope;
        this.contextPath = contextPath;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The page's parameters read from {@code params} (the first value of each, decoded).
     *
     * @param contextPath where the application is deployed ("" at the root)
     */
    static PageQuery of(Scope scope, String contextPath, UnaryOperator<String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : PARAMS) {
            String value = params.apply(name);
            if (value != null && !value.isEmpty() && scope.offers(name)) {
                values.put(name, LOWER_CASED.contains(name) ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
        return new PageQuery(scope, contextPath, values);
    }

    Scope scope() {
        return scope;
    }

    /** Where the application is deployed ("" at the root). */
    String contextPath() {
        return contextPath;
    }

    /** This page's path, with the application's context path. */
    String path() {
        return contextPath + scope.path();
    }

    /** The path of {@code scope}'s page, with the application's context path. */
    String path(Scope other) {
        return contextPath + other.path();
    }

    /** The value of {@code name}, or null. */
    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The given parameters, in order. */
    Map<String, String> values() {
        return values;
    }

    /**
     * What the queries read: this state, the page's fixed filters over it, its default project
     * type, and {@code date=N} as a {@code start_date} N days before {@code nowSeconds} (unless
     * a {@code start_date} is given).
     *
     * @throws QueryException 400 when {@code date} is not a whole number of days
     */
    RequestParams requestParams(long nowSeconds) {
        Map<String, String> params = new LinkedHashMap<>(values);
        params.putAll(scope.fixed());
        if (scope.defaultProjectType() != null) {
            params.putIfAbsent("project_type", scope.defaultProjectType());
        }
        String date = params.remove("date");
        if (date != null && !params.containsKey("start_date")) {
            params.put("start_date", Long.toString(nowSeconds - days(date) * Dates.DAY));
        }
        Map<String, String> copy = Map.copyOf(params);
        return copy::get;
    }

    private static long days(String date) {
        try {
            long days = Long.parseLong(date);
            if (days >= 0 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw QueryException.malformed("date", "date must be a number of days from 0 to " + MAX_DAYS);
    }

    /** This page with {@code name} set to {@code value} (lower-cased where the page lower-cases it). */
    String with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (String param : PARAMS) {
            String v = param.equals(name)
                    ? (LOWER_CASED.contains(name) ? value.toLowerCase(Locale.ROOT) : value)
                    : values.get(param);
            if (v != null) {
                changed.put(param, v);
            }
        }
        return href(path(), changed);
    }

    /** This page without {@code name}. */
    String without(String name) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.remove(name);
        return href(path(), changed);
    }

    /** {@code path} with the query of {@code params}, each name and value percent-encoded as UTF-8. */
    static String href(String path, Map<String, String> params) {
        StringBuilder href = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            href.append(separator)
                    .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return href.toString();
    }
}
