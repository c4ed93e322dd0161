package org.stackvault.query;

/**
 * A request the query layer refuses: {@code status} is the HTTP status the API answers
 * with (404 for an unknown filter value, as the original; 400 for malformed input),
 * {@code parameter} the offending parameter (null when none).
 */
public final class QueryException extends RuntimeException {
    private final int status;
    private final String parameter;

    public QueryException(int status, String parameter, String message) {
        super(message, null, false, false);
        this.status = status;
        this.parameter = parameter;
    }

    public static QueryException unknown(String parameter, String value) {
        return new QueryException(404, parameter, "unknown " + parameter + " '" + value + "'");
    }

    public static QueryException malformed(String parameter, String message) {
        return new QueryException(400, parameter, message);
    }

    public static QueryException notFound(String message) {
        return new QueryException(404, null, message);
    }

    public int status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }
}
