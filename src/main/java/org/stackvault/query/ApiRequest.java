package org.stackvault.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackvault.vault.Vault;

/**
 * One request to one endpoint, parsed once: the vault it reads from start to end, the
 * validated filters, the endpoint's own parameters with their defaults, and the links it
 * carries. The response cache's key is a function of this value ({@link #cacheKey}) and
 * the query receives the same value. Immutable.
 */
public final class ApiRequest {
    private final Vault vault;
    private final Endpoint<?> endpoint;
    private final String id;
    private final Filter filter;
    private final Metric aggregationMetric;
    private final Links links;
    private final List<String> tags;
    private final Map<Extra, Object> extras;
    private final long now;

    private ApiRequest(
            Vault vault,
            Endpoint<?> endpoint,
            String id,
            Filter filter,
            Metric aggregationMetric,
            Links links,
            List<String> tags,
            Map<Extra, Object> extras,
            long now) {
        this.vault = vault;
        this.endpoint = endpoint;
        this.id = id;
        this.filter = filter;
        this.aggregationMetric = aggregationMetric;
        this.links = links;
        this.tags = tags;
        this.extras = extras;
        this.now = now;
    }

    /**
     * Parses what {@code endpoint} reads of {@code params}, validated against {@code vault}.
     *
     * @param id  the decoded path segment of an endpoint that takes one, else null
     * @param now seconds since the epoch: the request's one "now"
     * @throws QueryException 404 for an unknown filter value, 400 for a malformed parameter
     */
    static ApiRequest parse(
            Endpoint<?> endpoint, String id, RequestParams params, Vault vault, Defaults defaults, long now) {
        Reads reads = endpoint.reads();
        Map<Extra, Object> extras = new EnumMap<>(Extra.class);
        Filter filter = null;
        Metric aggregationMetric = null;
        if (reads.parsesFilters()) {
            filter = parseFilter(reads, params, vault, defaults);
            aggregationMetric = aggregationMetric(filter, defaults);
        }
        long today = Dates.day(now);
        for (Extra extra : reads.extras()) {
            extras.put(extra, extra.parse(params.given(extra.id()), today));
        }
        Links links = reads.links() ? Links.of(params, vault, defaults) : null;
        List<String> tags = reads.tags() ? List.copyOf(params.tags()) : List.of();
        return new ApiRequest(
                vault, endpoint, id, filter, aggregationMetric, links, tags, Collections.unmodifiableMap(extras), now);
    }

    private static Filter parseFilter(Reads reads, RequestParams params, Vault vault, Defaults defaults) {
        // a message search looks at commits, not at the default metric's marks (which have none)
        boolean search = reads.extras().contains(Extra.QUERY_MESSAGE) && params.given(Extra.QUERY_MESSAGE.id()) != null;
        String absent = search ? "commits" : reads.metricWhenAbsent();
        if (absent == null || params.given(Param.METRIC.id()) != null) {
            return Filter.parse(params, vault, defaults);
        }
        return absent.isEmpty()
                ? Filter.parse(params, vault, defaults).without(Set.of(Param.METRIC))
                : Filter.parse(with(params, Param.METRIC, absent), vault, defaults);
    }

    /** The metric an aggregate counts: the one metric requested, else the default (as the original). */
    private static Metric aggregationMetric(Filter filter, Defaults defaults) {
        Metric requested =
                filter.metrics().size() == 1 ? Metric.of(filter.metrics().get(0)) : null;
        if (requested != null) {
            return requested;
        }
        Metric configured = Metric.of(defaults.metric());
        return configured != null ? configured : Metric.MARKS;
    }

    private static RequestParams with(RequestParams params, Param param, String value) {
        return name -> name.equals(param.id()) ? value : params.first(name);
    }

    public Vault vault() {
        return vault;
    }

    public Endpoint<?> endpoint() {
        return endpoint;
    }

    /** The decoded id of {@code companies/<id>}, {@code modules/<id>}, {@code users/<id>}; else null. */
    public String id() {
        return id;
    }

    /** The validated common filters; null where the endpoint reads none. */
    public Filter filter() {
        return filter;
    }

    /** The metric aggregates count; null where the endpoint reads no filters. */
    public Metric aggregationMetric() {
        return aggregationMetric;
    }

    /** The links its answer carries; null where it carries none. */
    public Links links() {
        return links;
    }

    /** The module tags requested; empty when none. */
    public List<String> tags() {
        return tags;
    }

    /** The value of one of the endpoint's own parameters (its default when absent). */
    public Object extra(Extra extra) {
        if (!endpoint.reads().extras().contains(extra)) {
            throw new IllegalArgumentException(endpoint + " does not read " + extra.id());
        }
        return extras.get(extra);
    }

    int intExtra(Extra extra) {
        return (Integer) extra(extra);
    }

    long secondsExtra(Extra extra) {
        return (Long) extra(extra);
    }

    /** Seconds since the epoch when the request was parsed. */
    public long now() {
        return now;
    }

    /**
     * The response cache's key: the vault generation, today (answers with a window ending
     * today change with it, and a quiet source may keep one generation for days), the
     * endpoint, its id, and the values it reads in their normal form — so that spellings of
     * one question share an entry and parameters the endpoint ignores never split it.
     */
    public String cacheKey() {
        Reads reads = endpoint.reads();
        StringBuilder key = new StringBuilder(128)
                .append(vault.generation())
                .append(' ')
                .append(Dates.day(now))
                .append(' ')
                .append(endpoint.path());
        Filter.append(key, id);
        if (filter != null) {
            key.append(filter.canonical(reads.filters()));
        }
        if (links != null) {
            Filter.append(key, links.query());
        }
        if (reads.tags()) {
            List<String> sorted = new ArrayList<>(tags);
            sorted.sort(null);
            Filter.append(key, sorted.isEmpty() ? null : String.join(",", sorted));
        }
        for (Extra extra : reads.extras()) {
            Filter.append(key, extra.keyText(extras.get(extra)));
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return endpoint + (id == null ? "" : " " + id);
    }
}
