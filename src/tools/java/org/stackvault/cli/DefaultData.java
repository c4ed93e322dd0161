package org.stackvault.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stackalytics' reference data in the shape of its {@code default_data.json}: users,
 * companies, repos, project sources, module groups, releases, project types. Read from a
 * file, or invented by {@link BuiltInDefaultData}; the generator turns either into what the
 * processor stores. Entries are JSON-like maps (insertion ordered). {@code projectSources} is
 * null when the data has none: the processor then builds no organization groups. Immutable
 * by convention.
 */
record DefaultData(
        List<Map<String, Object>> users,
        List<Map<String, Object>> companies,
        List<Map<String, Object>> repos,
        List<Map<String, Object>> projectSources,
        List<Map<String, Object>> moduleGroups,
        List<Map<String, Object>> releases,
        List<Map<String, Object>> projectTypes) {

    /** The file is not a usable default data set; the message is for the user. */
    static final class InvalidDefaultDataException extends Exception {
        InvalidDefaultDataException(String message) {
            super(message);
        }
    }

    /**
     * Reads a {@code default_data.json}.
     *
     * @throws IOException                   when the file cannot be read
     * @throws InvalidDefaultDataException when it is not JSON or lacks what a data set needs
     */
    static DefaultData read(Path file) throws IOException, InvalidDefaultDataException {
        Object root;
        try (var in = Files.newInputStream(file)) {
            root = new ObjectMapper().readValue(in, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDefaultDataException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidDefaultDataException(file + " does not hold a JSON object");
        }
        DefaultData data = new DefaultData(
                entries(map, "users"),
                entries(map, "companies"),
                entries(map, "repos"),
                map.containsKey("project_sources") ? entries(map, "project_sources") : null,
                entries(map, "module_groups"),
                entries(map, "releases"),
                entries(map, "project_types"));
        if (data.releases().size() < 2) {
            throw new InvalidDefaultDataException(file + " needs at least two releases (prehistory and one more)");
        }
        if (data.repos().isEmpty()) {
            throw new InvalidDefaultDataException(file + " lists no repos");
        }
        for (Map<String, Object> release : data.releases()) {
            if (!(release.get("release_name") instanceof String) || release.get("end_date") == null) {
                throw new InvalidDefaultDataException(file + ": a release lacks release_name or end_date: " + release);
            }
        }
        for (Map<String, Object> repo : data.repos()) {
            if (!(repo.get("module") instanceof String) || !(repo.get("organization") instanceof String)) {
                throw new InvalidDefaultDataException(file + ": a repo lacks module or organization: " + repo);
            }
        }
        for (Map<String, Object> user : data.users()) {
            if (!(user.get("emails") instanceof List<?>) || !(user.get("companies") instanceof List<?>)) {
                throw new InvalidDefaultDataException(file + ": a user lacks emails or companies: " + user);
            }
        }
        return data;
    }

    private static List<Map<String, Object>> entries(Map<?, ?> root, String key) throws InvalidDefaultDataException {
        Object value = root.get(key);
        List<Map<String, Object>> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidDefaultDataException("'" + key + "' is not a list");
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> m) {
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                out.add(copy);
            } else if (!"mail_lists".equals(key)) {
                throw new InvalidDefaultDataException("an entry of '" + key + "' is not an object: " + item);
            }
        }
        return out;
    }
}
