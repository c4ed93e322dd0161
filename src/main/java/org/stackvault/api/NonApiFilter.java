package org.stackvault.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.stackvault.web.ReportsAndGoals;

/**
 * Every request outside the API ({@link ApiFilter} guards {@code /api/1.0/}; WEB-INF/web.xml
 * maps this one to {@code /*}): {@code nosniff} on each answer, and only GET and HEAD reach
 * the container's default servlet (and POST the KPI script's form,
 * {@link ReportsAndGoals#SCRIPT_PATH}); OPTIONS answers 204 with the methods allowed, any other
 * method a JSON 405, as in the API. The default servlets would answer an unknown method with
 * a 5xx (501), and Jetty writes no body and no {@code nosniff} on an error to a method other
 * than GET, HEAD or POST. An escaped {@code /} or {@code \} in the path is a 400 outside
 * {@code /report/} (the containers are set to let it through for the reports' names).
 * Stateless, so safe for concurrent requests.
 */
public final class NonApiFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (escapedSeparatorOutsideReports(request)) {
            // the containers let an escaped / through for the reports' names (docs/ui.md);
            // everywhere else it stays the 400 the containers answered before
            response.setHeader("X-Content-Type-Options", "nosniff");
            ApiFilter.error(
                    response, new ApiError(400, ErrorServlet.message(400), null), "HEAD".equals(request.getMethod()));
            return;
        }
        if (ApiFilter.API_PREFIX.equals(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        if ("GET".equals(request.getMethod())
                || "HEAD".equals(request.getMethod())
                || ("POST".equals(request.getMethod()) && isScriptForm(request))) {
            chain.doFilter(request, response);
        } else {
            ApiFilter.refuseMethod(request, response);
        }
    }

    /** The KPI script's form, the one page that takes a POST (a script outgrows a query string). */
    private static boolean isScriptForm(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return ReportsAndGoals.SCRIPT_PATH.equals(request.getServletPath() + (pathInfo == null ? "" : pathInfo));
    }

    /**
     * Whether the raw path holds an escaped {@code /} or {@code \} outside {@code /report/}:
     * only the reports take names as path segments (a company {@code A/B} is
     * {@code /report/companies/A%2FB}).
     */
    static boolean escapedSeparatorOutsideReports(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        return (lower.contains("%2f") || lower.contains("%5c"))
                && !uri.startsWith(request.getContextPath() + "/report/");
    }
}
