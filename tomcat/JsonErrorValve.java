package org.stackvault.tomcat;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for the errors it answers itself, before Stackvault sees the request
 * (a NUL, a bad escape, an encoded slash or backslash or a dot segment above the root in the
 * path, headers over 8 KB): the application's JSON error body, {@code {"error": {"status":
 * 400, "message": "..."}}}, with {@code X-Content-Type-Options: nosniff} and {@code
 * Cache-Control: no-store}, instead of Tomcat's HTML page (or its JsonErrorReportValve's own
 * shape, which has no nosniff). Errors inside the application keep their own body: the
 * valve writes only when nothing was written yet.
 *
 * <p>Not part of the WAR (a valve is loaded by Tomcat's common class loader):
 * tomcat/setenv.sh compiles this file against the Tomcat it starts, into
 * {@code CATALINA_BASE/lib}; tomcat/server.xml names it as the host's error report valve.
 */
public final class JsonErrorValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String message = status == 400
                ? "bad request: malformed request line, path or headers"
                : status >= 500 ? "internal error" : "request refused";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":{\"status\":" + status + ",\"message\":\"" + message + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer was committed meanwhile: nothing left to report to
        }
    }
}
