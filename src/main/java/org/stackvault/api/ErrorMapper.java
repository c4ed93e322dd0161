package org.stackvault.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.stackvault.query.QueryException;
import org.stackvault.source.StorageException;

/**
 * Turns every failure into a JSON error with the right status and never a stack trace:
 * refused queries keep their status (404 unknown value, 400 malformed), JAX-RS errors
 * theirs (404 unknown path, 405 method); a storage failure is a 503, anything else a 500
 * (logged).
 */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        ApiError error;
        if (e instanceof QueryException q) {
            error = new ApiError(q.status(), q.getMessage(), q.parameter());
        } else if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            error = new ApiError(status, status == 404 ? "no such endpoint" : reason(status), null);
        } else if (e instanceof StorageException s) {
            LOG.log(Level.WARNING, "runtime storage failed during a request: " + s.getMessage());
            error = new ApiError(503, "the runtime storage did not answer: " + s.getMessage(), null);
        } else {
            LOG.log(Level.SEVERE, "unexpected error", e);
            error = new ApiError(500, "internal error", null);
        }
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.body())
                .build();
    }

    private static String reason(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return type == null ? "error " + status : type.getReasonPhrase();
    }
}
