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
 * than GET, HEAD or POST. Stateless, so safe for concurrent requests.
 */
public final class NonApiFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
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
}
