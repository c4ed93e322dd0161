package org.stackvault.api;

import static org.stackvault.api.RequestScope.params;
import static org.stackvault.api.RequestScope.vault;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.stackvault.query.Choice;
import org.stackvault.query.Choices;
import org.stackvault.query.IdText;
import org.stackvault.query.ProjectTypeItem;
import org.stackvault.query.Queries;

/** {@code /api/1.0/*}: records, lists and single objects. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ListsResource {
    private final Queries queries;

    public ListsResource(Queries queries) {
        this.queries = queries;
    }

    @GET
    @Path("activity")
    public Map<String, Object> activity(@Context HttpServletRequest request) {
        return queries.activity(vault(request), params(request));
    }

    @GET
    @Path("contribution")
    public Map<String, Object> contribution(@Context HttpServletRequest request) {
        return queries.contribution(vault(request), params(request));
    }

    @GET
    @Path("members")
    public Map<String, Object> members(@Context HttpServletRequest request) {
        return queries.members(vault(request), params(request));
    }

    @GET
    @Path("companies")
    public Map<String, Object> companies(@Context HttpServletRequest request) {
        return queries.companies(vault(request), params(request));
    }

    @GET
    @Path("companies/{name}")
    public Map<String, Object> company(@PathParam("name") String name, @Context HttpServletRequest request) {
        return queries.company(vault(request), params(request), name);
    }

    @GET
    @Path("modules")
    public Map<String, Object> modules(@Context HttpServletRequest request) {
        return queries.modules(vault(request), params(request));
    }

    @GET
    @Path("modules/{id}")
    public Map<String, Object> module(@PathParam("id") String id, @Context HttpServletRequest request) {
        return queries.module(vault(request), params(request), id);
    }

    @GET
    @Path("users")
    public Map<String, Object> users(@Context HttpServletRequest request) {
        return queries.users(vault(request), params(request));
    }

    @GET
    @Path("users/{id}")
    public Map<String, Object> user(@PathParam("id") String id, @Context HttpServletRequest request) {
        return queries.user(vault(request), params(request), id);
    }

    @GET
    @Path("languages")
    public Map<String, Object> languages(@Context HttpServletRequest request) {
        return queries.languages(vault(request), params(request));
    }

    @GET
    @Path("releases")
    public Choices<Choice> releases(@Context HttpServletRequest request) {
        return queries.releases(vault(request), params(request));
    }

    @GET
    @Path("metrics")
    public Choices<IdText> metrics(@Context HttpServletRequest request) {
        return queries.metrics(vault(request), params(request));
    }

    @GET
    @Path("project_types")
    public Choices<ProjectTypeItem> projectTypes(@Context HttpServletRequest request) {
        return queries.projectTypes(vault(request), params(request));
    }

    @GET
    @Path("affiliation_changes")
    public Map<String, Object> affiliationChanges(@Context HttpServletRequest request) {
        return queries.affiliationChanges(vault(request), params(request));
    }

    @GET
    @Path("new_companies")
    public Map<String, Object> newCompanies(@Context HttpServletRequest request) {
        return queries.newCompanies(vault(request), params(request));
    }
}
