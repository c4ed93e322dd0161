package org.stackvault.api;

import static org.stackvault.api.RequestScope.params;
import static org.stackvault.api.RequestScope.vault;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.stackvault.query.Queries;

/** {@code /api/1.0/stats/*}: aggregates. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final Queries queries;

    public StatsResource(Queries queries) {
        this.queries = queries;
    }

    @GET
    @Path("companies")
    public Map<String, Object> companies(@Context HttpServletRequest request) {
        return queries.statsCompanies(vault(request), params(request));
    }

    @GET
    @Path("modules")
    public Map<String, Object> modules(@Context HttpServletRequest request) {
        return queries.statsModules(vault(request), params(request));
    }

    @GET
    @Path("engineers")
    public Map<String, Object> engineers(@Context HttpServletRequest request) {
        return queries.statsEngineers(vault(request), params(request));
    }

    @GET
    @Path("engineers_extended")
    public Map<String, Object> engineersExtended(@Context HttpServletRequest request) {
        return queries.statsEngineersExtended(vault(request), params(request));
    }

    @GET
    @Path("distinct_engineers")
    public Map<String, Object> distinctEngineers(@Context HttpServletRequest request) {
        return queries.statsDistinctEngineers(vault(request), params(request));
    }

    @GET
    @Path("timeline")
    public Map<String, Object> timeline(@Context HttpServletRequest request) {
        return queries.statsTimeline(vault(request), params(request));
    }

    @GET
    @Path("bp")
    public Map<String, Object> blueprints(@Context HttpServletRequest request) {
        return queries.statsBlueprints(vault(request), params(request));
    }

    @GET
    @Path("languages")
    public Map<String, Object> languages(@Context HttpServletRequest request) {
        return queries.statsLanguages(vault(request), params(request));
    }
}
