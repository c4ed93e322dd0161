package org.stackvault.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every request outside the API ({@link ApiFilter} guards {@code /api/1.0/}; WEB-INF/web.xml
 * maps this one to {@code /*}): {@code nosniff} on each answer, and only GET and HEAD reach
 * the container's default servlet; OPTIONS answers 204 with the methods allowed, any other
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
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
        } else {
            ApiFilter.refuseMethod(request, response);
        }
    }
}
