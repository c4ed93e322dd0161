package org.stackvault.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.stackvault.metrics.AddressAllowList;
import org.stackvault.metrics.StackvaultMetrics;

/**
 * {@code /-/metrics}: every meter as Prometheus text, to the addresses the configuration
 * allows ({@code metrics-allow}); any other address gets a 403 JSON error. GET and HEAD
 * only; never cached. Thread-safe: stateless beyond its collaborators.
 */
public final class MetricsServlet extends HttpServlet {
    public static final String MAPPING = "/-/metrics";

    private final transient StackvaultMetrics metrics;
    private final transient AddressAllowList allowed;

    public MetricsServlet(StackvaultMetrics metrics, AddressAllowList allowed) {
        this.metrics = metrics;
        this.allowed = allowed;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            ApiFilter.error(response, new ApiError(405, "only GET, HEAD are allowed", null), false);
            return;
        }
        if (!allowed.allows(request.getRemoteAddr())) {
            ApiFilter.error(
                    response,
                    new ApiError(403, "metrics are served only to the addresses metrics-allow names", null),
                    head);
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        ApiFilter.write(response, HttpServletResponse.SC_OK, StackvaultMetrics.CONTENT_TYPE, body, head);
    }
}
