package org.stackvault.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.stackvault.query.Dates;
import org.stackvault.query.Defaults;
import org.stackvault.query.Filter;
import org.stackvault.query.Links;
import org.stackvault.query.Param;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.vault.Vault;

/**
 * The response cache's key of a request: the vault generation, the endpoint, and only the
 * parameters that endpoint reads, normalised the way its query reads them — so that
 * {@code release=Ocata}, {@code release=ocata} and an omitted default release share one
 * entry where the answers are the same, and random values of parameters an endpoint
 * ignores never make new entries.
 *
 * <p>What must stay apart stays apart: the answers of {@code activity} and
 * {@code users/<id>} carry links with the request's filters as written, so those key on
 * the links; where an absent {@code metric} means something other than the default
 * ({@code stats/bp}, {@code stats/languages}, {@code members}, {@code languages},
 * {@code activity} with {@code query_message}) its
 * absence is part of the key. A request whose filters do not validate gets no key (its
 * error is never cached), nor does a path that is not exactly an endpoint's
 * (percent-encoded literals, path parameters, a trailing slash: Jersey answers those on
 * its own). Stateless.
 */
final class CacheKeys {
    private static final Set<Param> FILTERS = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(Param.CORE_IN)));

    /** A parameter outside the common filters, as its endpoint reads it. */
    private enum Extra {
        PAGE_SIZE("page_size", CacheKeys::integer),
        START_RECORD("start_record", CacheKeys::integer),
        DAYS("days", CacheKeys::integer),
        QUERY_MESSAGE("query_message", raw -> raw.toLowerCase(Locale.ROOT)),
        START_DAYS("start_days", raw -> Long.toString(Dates.parseDays("start_days", raw))),
        END_DAYS("end_days", raw -> Long.toString(Dates.parseDays("end_days", raw)));

        final String id;
        /** The normal form of a present, non-empty value; throws for a malformed one. */
        final Function<String, String> normal;

        Extra(String id, Function<String, String> normal) {
            this.id = id;
            this.normal = normal;
        }
    }

    /**
     * How one endpoint reads its request.
     *
     * @param filters        the common filters its answer depends on; null: it parses none
     * @param metricPresence an absent metric is not the default metric
     * @param links          its answer carries links with the raw filters
     * @param tags           it reads {@code tag} (or {@code tags})
     */
    private record Endpoint(Set<Param> filters, boolean metricPresence, boolean links, boolean tags,
            List<Extra> extras) {
        static Endpoint of(Set<Param> filters) {
            return new Endpoint(filters == null ? null : Collections.unmodifiableSet(filters), false, false, false, List.of());
        }

        static Endpoint allFiltersBut(Param... ignored) {
            Set<Param> filters = EnumSet.copyOf(FILTERS);
            filters.removeAll(Arrays.asList(ignored));
            return of(filters);
        }

        Endpoint readingMetricPresence() {
            return new Endpoint(filters, true, links, tags, extras);
        }

        Endpoint readingLinks() {
            return new Endpoint(filters, metricPresence, true, tags, extras);
        }

        Endpoint readingTags() {
            return new Endpoint(filters, metricPresence, links, true, extras);
        }

        Endpoint reading(Extra... more) {
            return new Endpoint(filters, metricPresence, links, tags, List.of(more));
        }
    }

    /** What each endpoint reads (see query.Queries): the paths below /api/1.0. */
    private static final Map<String, Endpoint> FIXED = Map.ofEntries(
            Map.entry("/stats/companies", Endpoint.of(FILTERS)),
            Map.entry("/stats/modules", Endpoint.of(FILTERS)),
            Map.entry("/stats/engineers", Endpoint.of(FILTERS)),
            Map.entry("/stats/engineers_extended", Endpoint.allFiltersBut(Param.METRIC)),
            Map.entry("/stats/distinct_engineers", Endpoint.of(FILTERS)),
            Map.entry("/stats/timeline", Endpoint.of(FILTERS)),
            Map.entry("/stats/bp", Endpoint.of(FILTERS).readingMetricPresence()),
            Map.entry("/stats/languages", Endpoint.allFiltersBut(Param.LANGUAGE).readingMetricPresence()),
            // an absent metric with query_message searches commits (Queries.activity)
            Map.entry("/activity", Endpoint.of(FILTERS).readingLinks().readingMetricPresence()
                    .reading(Extra.PAGE_SIZE, Extra.START_RECORD, Extra.QUERY_MESSAGE)),
            Map.entry("/contribution", Endpoint.allFiltersBut(Param.METRIC)),
            Map.entry("/companies", Endpoint.of(FILTERS)),
            Map.entry("/modules", Endpoint.allFiltersBut(Param.MODULE).readingTags()),
            Map.entry("/members", Endpoint.allFiltersBut(Param.RELEASE, Param.PROJECT_TYPE, Param.MODULE)
                    .readingMetricPresence()),
            Map.entry("/languages", Endpoint.allFiltersBut(Param.LANGUAGE).readingMetricPresence()),
            Map.entry("/users", Endpoint.of(EnumSet.allOf(Param.class))),
            Map.entry("/releases", Endpoint.of(Set.of())),
            Map.entry("/metrics", Endpoint.of(Set.of())),
            Map.entry("/project_types", Endpoint.of(Set.of())),
            Map.entry("/affiliation_changes", Endpoint.of(null).reading(Extra.START_DAYS, Extra.END_DAYS)),
            Map.entry("/new_companies", Endpoint.allFiltersBut(Param.START_DATE).reading(Extra.DAYS)));

    /** Endpoints with one path segment after the prefix: companies/<name>, modules/<id>, users/<id>. */
    private static final Map<String, Endpoint> BY_ID = Map.of(
            "/companies/", Endpoint.of(Set.of()),
            "/modules/", Endpoint.of(EnumSet.of(Param.RELEASE, Param.PROJECT_TYPE)),
            "/users/", Endpoint.of(null).readingLinks());

    private CacheKeys() {
    }

    /** The path of every endpoint with a key, the three with an id ending in '/'. */
    static Set<String> paths() {
        return Stream.concat(FIXED.keySet().stream(), BY_ID.keySet().stream()).collect(Collectors.toSet());
    }

    /**
     * The key of a GET, or null when the answer is not to be cached.
     *
     * @param today       the day (days since the epoch, UTC) now: answers with a window
     *                    ending today (new_companies, affiliation_changes, users' current
     *                    company, the timeline's last week) change with it, and a quiet
     *                    source may keep one generation for days
     * @param rawPath     the request path below /api/1.0 as sent (still percent-encoded)
     * @param decodedPath the same path decoded by the container
     */
    static String of(Vault vault, long today, Defaults defaults, String rawPath, String decodedPath,
            RequestParams params) {
        if (rawPath.indexOf(';') >= 0) {
            return null;
        }
        Endpoint endpoint = FIXED.get(rawPath);
        String id = null;
        if (endpoint == null) {
            int slash = rawPath.indexOf('/', 1);
            endpoint = slash < 0 || rawPath.indexOf('/', slash + 1) >= 0 ? null
                    : BY_ID.get(rawPath.substring(0, slash + 1));
            if (endpoint == null || slash + 1 == rawPath.length()) {
                return null;
            }
            id = decodedPath.substring(decodedPath.lastIndexOf('/') + 1);
        }
        StringBuilder key = new StringBuilder(128).append(vault.generation()).append(' ').append(today)
                .append(' ').append(rawPath, 0,
                id == null ? rawPath.length() : rawPath.indexOf('/', 1) + 1);
        Filter.append(key, id);
        try {
            append(key, vault, defaults, endpoint, params);
        } catch (QueryException | NumberFormatException refused) {
            return null; // answered with an error, which is never cached
        }
        return key.toString();
    }

    private static void append(StringBuilder key, Vault vault, Defaults defaults, Endpoint endpoint,
            RequestParams params) {
        if (endpoint.filters() != null) {
            key.append(Filter.parse(params, vault, defaults).canonical(endpoint.filters()));
        }
        if (endpoint.metricPresence()) {
            key.append(params.given(Param.METRIC.id()) == null ? "m-" : "m+");
        }
        if (endpoint.links()) {
            Filter.append(key, Links.of(params, vault, defaults).link("").uri());
        }
        if (endpoint.tags()) {
            List<String> tags = params.tags();
            Filter.append(key, tags.isEmpty() ? null : String.join(",", sorted(tags)));
        }
        for (Extra extra : endpoint.extras()) {
            String raw = params.given(extra.id);
            Filter.append(key, raw == null ? null : extra.normal.apply(raw));
        }
    }

    private static List<String> sorted(List<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }

    private static String integer(String raw) {
        return Long.toString(Long.parseLong(raw.trim()));
    }
}
