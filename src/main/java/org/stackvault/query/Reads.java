package org.stackvault.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one endpoint reads of its request — the one list that validation, the response
 * cache's key and the API documentation all take from {@link Endpoint}. Immutable.
 *
 * @param parsesFilters    the common filters are parsed and validated (an unknown release
 *                         is a 404 even where the answer does not depend on it, as in the
 *                         original); false: they are not read at all
 * @param filters          the common filters the answer depends on (the cache key's)
 * @param metricWhenAbsent the metric an absent {@code metric} stands for: null, the
 *                         configured default; empty, no metric filter at all
 * @param links            the answer carries dashboard links with the filters as written
 * @param tags             {@code tag} (or {@code tags}) selects module groups by tag
 * @param extras           the endpoint's own parameters, in the order they are checked
 */
public record Reads(
        boolean parsesFilters,
        Set<Param> filters,
        String metricWhenAbsent,
        boolean links,
        boolean tags,
        List<Extra> extras) {
    /** The common filters an answer can depend on ({@code core_in} only {@code /users}). */
    private static final Set<Param> FILTERS =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(Param.CORE_IN)));

    public Reads {
        filters =
                Collections.unmodifiableSet(filters.isEmpty() ? EnumSet.noneOf(Param.class) : EnumSet.copyOf(filters));
        extras = List.copyOf(extras);
    }

    /** Every common filter but {@code core_in}. */
    static Reads commonFilters() {
        return new Reads(true, FILTERS, null, false, false, List.of());
    }

    /** The common filters but {@code ignored} (parsed and validated all the same). */
    static Reads commonFiltersBut(Param... ignored) {
        Set<Param> read = EnumSet.copyOf(FILTERS);
        read.removeAll(Arrays.asList(ignored));
        return new Reads(true, read, null, false, false, List.of());
    }

    /** Every common filter, {@code core_in} too. */
    static Reads commonFiltersAndCoreIn() {
        return new Reads(true, EnumSet.allOf(Param.class), null, false, false, List.of());
    }

    /** Only {@code read} of the common filters, though all are validated. */
    static Reads only(Param... read) {
        return new Reads(true, EnumSet.copyOf(Arrays.asList(read)), null, false, false, List.of());
    }

    /** No filter the answer depends on, though they are validated. */
    static Reads validatedOnly() {
        return new Reads(true, Set.of(), null, false, false, List.of());
    }

    /** No common filter at all. */
    static Reads noFilters() {
        return new Reads(false, Set.of(), null, false, false, List.of());
    }

    Reads metricWhenAbsent(String metric) {
        return new Reads(parsesFilters, filters, metric, links, tags, extras);
    }

    Reads withLinks() {
        return new Reads(parsesFilters, filters, metricWhenAbsent, true, tags, extras);
    }

    Reads withTags() {
        return new Reads(parsesFilters, filters, metricWhenAbsent, links, true, extras);
    }

    Reads with(Extra... more) {
        return new Reads(parsesFilters, filters, metricWhenAbsent, links, tags, List.of(more));
    }

    /**
     * The query-string names the answer depends on, in declaration order (for the
     * documentation); filters that are only validated are not listed.
     */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        (parsesFilters || !links ? filters : Links.CARRIED).forEach(p -> names.add(p.id()));
        if (tags) {
            names.add("tag");
        }
        extras.forEach(e -> names.add(e.id()));
        return names;
    }
}
