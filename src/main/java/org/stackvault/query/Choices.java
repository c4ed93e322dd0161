package org.stackvault.query;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {"data": [...], "default": ...}}: the answer of {@code /releases}, {@code /metrics}
 * and {@code /project_types}, the items and the value chosen when the parameter is absent.
 */
public record Choices<T extends Choice>(List<T> data, @JsonProperty("default") String defaultValue) {
}
