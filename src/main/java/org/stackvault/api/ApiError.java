package org.stackvault.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of every error: {@code {"error": {"status": 404, "message": "...",
 * "parameter": "release"}}} ({@code parameter} only when one parameter is at fault).
 * Immutable.
 */
public record ApiError(int status, String message, String parameter) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("message", message);
        if (parameter != null) {
            error.put("parameter", parameter);
        }
        return Map.of("error", error);
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
