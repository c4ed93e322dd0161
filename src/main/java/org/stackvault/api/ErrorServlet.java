package org.stackvault.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web application's error page (web.xml {@code <error-page>}): errors the container
 * raises itself — an unmapped path, a request it refused, an uncaught exception — get the
 * same JSON error body as the API's, never an HTML page or a stack trace.
 */
public final class ErrorServlet extends HttpServlet {
    public static final String PATH = "/error";
    /** The mapping: the error page and the re-handled statuses below it. */
    public static final String MAPPING = PATH + "/*";
    /** The request attribute Jetty's ReHandlingErrorHandler sets on the request it re-handles. */
    private static final String JETTY_REHANDLING = "org.eclipse.jetty.server.handler.ReHandlingErrorHandler";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = status(request);
        response.resetBuffer();
        ApiFilter.error(response, new ApiError(status, message(status), null), "HEAD".equals(request.getMethod()));
    }

    /** What an error the container finds is called in the JSON body. */
    static String message(int status) {
        return switch (status) {
            case 403 -> "forbidden";
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            case 413, 431 -> "request too large";
            case 414 -> "request line too long";
            case 505 -> "HTTP version not supported";
            default -> status >= 500 ? "internal error" : "bad request: malformed request line, path or parameters";
        };
    }

    /**
     * The error dispatch's status, else the one in the path ({@code /error/400}) when Jetty
     * re-handles an error it found before choosing the application (conf/jetty-errors.xml),
     * else 404: a client asking for {@code /error/500} itself gets no 500.
     */
    private static int status(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer i && i >= 400) {
            return i;
        }
        String info = request.getPathInfo();
        if (request.getAttribute(JETTY_REHANDLING) != null && info != null && info.matches("/[45]\\d\\d")) {
            return Integer.parseInt(info.substring(1));
        }
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
