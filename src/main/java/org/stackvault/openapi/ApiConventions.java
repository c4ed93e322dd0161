package org.stackvault.openapi;

import org.stackvault.query.Defaults;

/**
 * What the API description says beyond the endpoint table: where the API is, the default
 * filters, the body of its errors and the limits the web layer enforces on every request.
 * Immutable.
 *
 * @param server            the API's path on the server, e.g. {@code /api/1.0}
 * @param defaults          the filters an absent parameter stands for
 * @param errorBody         the class of the JSON body of every error
 * @param callbackPattern   what a JSONP {@code callback} must match (whole)
 * @param maxCallbackLength the longest {@code callback}
 * @param maxQueryLength    the longest query string; longer ones answer 414
 * @param retryAfterSeconds the {@code Retry-After} of a 503
 */
public record ApiConventions(
        String server,
        Defaults defaults,
        Class<?> errorBody,
        String callbackPattern,
        int maxCallbackLength,
        int maxQueryLength,
        int retryAfterSeconds) {}
