package org.stackvault.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of every error: {@code {"error": {"status": 404, "message": "...",
 * "parameter": "release"}}} ({@code parameter} only when one parameter is at fault).
 * Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String message, String parameter) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The JSON body: the error under {@code "error"}. */
    public record Body(ApiError error) {}

    public Body body() {
        return new Body(this);
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
