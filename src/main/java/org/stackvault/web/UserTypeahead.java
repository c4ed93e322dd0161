package org.stackvault.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.UserItem;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The filter bar's Contributor type-ahead, {@code GET /ui/users?q=<text>&<the page's filters>}:
 * JSON {@code [{"id": "<user_id>", "text": "<name>"}]}, at most {@link #LIMIT} users whose name
 * or id holds {@code q} (ignoring case), ordered by name. The users are the API's
 * {@code users} list for the same filters, from one vault; {@code /ui/users/cncf} and
 * {@code /ui/users/unaffiliated} apply those pages' fixed filters as they do. A bad filter
 * answers the API's JSON error (404 unknown, 400 malformed). Outside {@code /api/1.0}, whose
 * {@code users} answer stays the original's. Thread-safe: immutable collaborators.
 */
final class UserTypeahead extends HttpServlet {
    static final String MAPPING = "/ui/users";
    static final int LIMIT = 20;
    private static final Comparator<Match> BY_NAME = Comparator.comparing(
                    (Match m) -> m.text().toLowerCase(Locale.ROOT))
            .thenComparing(Match::text)
            .thenComparing(Match::id);

    /** An answer item. */
    record Match(String id, String text) {}

    /** The API's error, in its field order; {@code parameter} only when one parameter is at fault. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(int status, String message, String parameter) {}

    private final transient VaultHolder holder;
    private final transient Queries queries;
    private final transient InstantSource clock;

    private UserTypeahead(VaultHolder holder, Queries queries, InstantSource clock) {
        this.holder = holder;
        this.queries = queries;
        this.clock = clock;
    }

    static void register(ServletContext context, VaultHolder holder, Queries queries, InstantSource clock) {
        context.addServlet("stackvault-user-typeahead", new UserTypeahead(holder, queries, clock))
                .addMapping(MAPPING, MAPPING + "/*");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-cache");
        String page = request.getPathInfo();
        Scope scope = page == null ? Scope.OPENSTACK : Scope.of(page);
        if (scope == null || (page != null && scope == Scope.OPENSTACK)) {
            send(response, 404, error(404, "There is no such list.", null));
            return;
        }
        Vault vault = holder.current();
        if (vault.generation() == 0) {
            response.setHeader("Retry-After", "10");
            send(response, 503, error(503, "The data is being loaded now; please try again in a moment.", null));
            return;
        }
        try {
            PageQuery query = PageQuery.of(scope, request.getContextPath(), request::getParameter);
            List<UserItem> users = queries.answer(
                            Endpoint.USERS,
                            null,
                            query.requestParams(clock.instant().getEpochSecond()),
                            vault)
                    .data();
            send(response, 200, matches(users, request.getParameter("q")));
        } catch (QueryException refused) {
            send(response, refused.status(), error(refused.status(), refused.getMessage(), refused.parameter()));
        }
    }

    /** The users whose name or id holds {@code q} (ignoring case), by name, at most {@link #LIMIT}. */
    static List<Match> matches(List<UserItem> users, String q) {
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        return users.stream()
                .map(u -> new Match(u.id(), u.text() != null ? u.text() : u.id()))
                .filter(m -> needle.isEmpty()
                        || m.text().toLowerCase(Locale.ROOT).contains(needle)
                        || m.id().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(BY_NAME)
                .limit(LIMIT)
                .toList();
    }

    /** The API's error body: {@code {"error": {"status": …, "message": …}}}. */
    private static Map<String, Object> error(int status, String message, String parameter) {
        return Map.of("error", new Error(status, message, parameter));
    }

    private static void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] json = JsonBlock.MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
