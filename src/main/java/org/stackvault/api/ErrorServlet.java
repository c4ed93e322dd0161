package org.stackvault.api;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web application's error page (web.xml {@code <error-page>}): errors the container
 * raises itself — an unmapped path, a request it refused, an uncaught exception — get the
 * same JSON error body as the API's, never an HTML page or a stack trace.
 */
public final class ErrorServlet extends HttpServlet {
    public static final String PATH = "/error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : HttpServletResponse.SC_NOT_FOUND;
        String message = status == HttpServletResponse.SC_NOT_FOUND ? "no such resource"
                : status >= 500 ? "internal error" : "bad request";
        response.resetBuffer();
        ApiFilter.error(response, new ApiError(status, message, null));
    }
}
