package org.stackvault.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Extra;
import org.stackvault.query.Param;
import org.stackvault.query.Reads;

/**
 * The OpenAPI 3.1 description of the API, made from the endpoint table: one {@code GET}
 * operation per {@link Endpoint}, its parameters from its {@link Reads} (the common
 * filters with their defaults, {@code tag}, its {@link Extra}s, {@code callback}), its
 * answer's schema derived from the answer type ({@link JsonSchemas}), JSONP and the error
 * responses. Stateless.
 */
public final class OpenApiDocument {
    public static final String OPENAPI_VERSION = "3.1.0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String JAVASCRIPT = "application/javascript";
    private static final String JSON_TYPE = "application/json";
    private static final String RESPONSES = "#/components/responses/";
    private static final String HEADERS = "#/components/headers/";

    /** Error responses by status: the component's name and when it is answered. */
    private record ErrorResponse(int status, String name, String description) {}

    private static final ErrorResponse BAD_REQUEST = new ErrorResponse(
            400,
            "BadRequest",
            "a malformed value (date, integer, callback) or a query string that is not percent-encoded UTF-8;"
                    + " `parameter` names the parameter at fault");
    private static final ErrorResponse NOT_FOUND =
            new ErrorResponse(404, "NotFound", "an unknown release, project type, module, company, user, metric or id");
    private static final ErrorResponse URI_TOO_LONG =
            new ErrorResponse(414, "UriTooLong", "a query string longer than the configured `max-query-length`");
    private static final ErrorResponse UNAVAILABLE = new ErrorResponse(
            503, "ServiceUnavailable", "no data loaded yet, or the storage did not answer a read in time");
    private static final List<ErrorResponse> ERRORS = List.of(BAD_REQUEST, NOT_FOUND, URI_TOO_LONG, UNAVAILABLE);

    /** Headers of every successful answer, each with its description. */
    private static final List<List<String>> SUCCESS_HEADERS = List.of(
            List.of("Cache-Control", "`public, max-age=<seconds to the next refresh>`"),
            List.of("Expires", "the next refresh, an HTTP date"),
            List.of("Access-Control-Allow-Origin", "`*`"),
            List.of("X-Content-Type-Options", "`nosniff`"));

    private OpenApiDocument() {}

    /** The description of {@code endpoints}, whose answers {@code mapper} writes. */
    public static ObjectNode of(List<Endpoint<?>> endpoints, ApiConventions conventions, ObjectMapper mapper) {
        JsonSchemas schemas = new JsonSchemas(mapper);
        ObjectNode document = JSON.objectNode().put("openapi", OPENAPI_VERSION);
        document.putObject("info")
                .put("title", "Stackalytics API v1.0 (Stackvault)")
                .put("version", "1.0")
                .put(
                        "description",
                        "The JSON API of the Stackalytics dashboard, as Stackvault serves it. Every endpoint is"
                                + " `GET` (and `HEAD`); comma-separated values of a filter select their union,"
                                + " different filters intersect. With `callback` the answer is JSONP,"
                                + " `/**/callback(<json>);` as `application/javascript`. Errors are JSON."
                                + " Made from the endpoint table; see docs/api.md.");
        document.putArray("servers").addObject().put("url", conventions.server());
        ObjectNode paths = document.putObject("paths");
        for (Endpoint<?> endpoint : endpoints) {
            ObjectNode get = paths.putObject("/" + endpoint.path()).putObject("get");
            operation(get, endpoint, conventions, schemas);
        }
        ObjectNode components = document.putObject("components");
        components.set("responses", errorResponses(schemas.of(conventions.errorBody()), conventions));
        components.set("headers", headers(conventions));
        ObjectNode named = components.putObject("schemas");
        schemas.named().forEach(named::set);
        return document;
    }

    private static void operation(
            ObjectNode get, Endpoint<?> endpoint, ApiConventions conventions, JsonSchemas schemas) {
        Reads reads = endpoint.reads();
        get.put("operationId", endpoint.path().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", ""))
                .put("summary", endpoint.summary());
        if (endpoint.path().startsWith("stats/")) {
            get.putArray("tags").add("stats");
        } else {
            get.putArray("tags").add(endpoint.hasId() ? "one item" : "lists");
        }
        ArrayNode parameters = get.putArray("parameters");
        if (endpoint.hasId()) {
            parameters
                    .addObject()
                    .put("name", "id")
                    .put("in", "path")
                    .put("required", true)
                    .put("description", "what it answers about, as one path segment")
                    .putObject("schema")
                    .put("type", "string");
        }
        Set<String> read = Set.copyOf(reads.parameterNames());
        for (Param param : Param.values()) {
            boolean listed = reads.parsesFilters()
                    ? param != Param.CORE_IN || read.contains(param.id())
                    : read.contains(param.id());
            if (listed) {
                parameters.add(filter(param, reads, read.contains(param.id()), conventions));
            }
        }
        if (reads.tags()) {
            ObjectNode tag = query("tag", "module-group tag(s) (`tags` when `tag` is absent)");
            commaSeparated(tag);
            parameters.add(tag);
        }
        for (Extra extra : reads.extras()) {
            parameters.add(extra(extra));
        }
        parameters.add(callback(conventions));

        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", endpoint.summary());
        ObjectNode headers = ok.putObject("headers");
        SUCCESS_HEADERS.forEach(h -> headers.putObject(h.get(0)).put("$ref", HEADERS + h.get(0)));
        ObjectNode content = ok.putObject("content");
        content.putObject(JSON_TYPE).set("schema", schemas.of(endpoint.answerType()));
        content.putObject(JAVASCRIPT)
                .putObject("schema")
                .put("type", "string")
                .put("description", "with `callback`: `/**/callback(<the JSON answer>);`");
        for (ErrorResponse error : ERRORS) {
            if (error != NOT_FOUND || reads.parsesFilters() || endpoint.hasId()) {
                responses.putObject(Integer.toString(error.status())).put("$ref", RESPONSES + error.name());
            }
        }
    }

    private static ObjectNode query(String name, String description) {
        return JSON.objectNode().put("name", name).put("in", "query").put("description", description);
    }

    /** A comma-separated list of strings: {@code style: form, explode: false}. */
    private static ObjectNode commaSeparated(ObjectNode parameter) {
        parameter.put("style", "form").put("explode", false);
        ObjectNode schema = parameter.putObject("schema").put("type", "array");
        schema.putObject("items").put("type", "string");
        return schema;
    }

    private static ObjectNode filter(Param param, Reads reads, boolean selects, ApiConventions conventions) {
        String description = param.description()
                + (!reads.parsesFilters()
                        ? ". Not validated: repeated as written in the answer's links."
                        : selects
                                ? "."
                                : ". Validated only (an unknown value is a 404); the answer does not depend on it.");
        String defaultValue = null;
        if (param == Param.METRIC) {
            String absent = reads.metricWhenAbsent();
            defaultValue = absent == null ? conventions.defaults().metric() : absent.isEmpty() ? null : absent;
            if ("".equals(absent)) {
                description += " Absent: no metric filter, every record type.";
            }
        } else if (param == Param.PROJECT_TYPE) {
            defaultValue = conventions.defaults().projectType();
        } else if (param == Param.RELEASE) {
            defaultValue = conventions.defaults().release();
        }
        ObjectNode parameter = query(param.id(), description);
        if (param.list()) {
            ObjectNode schema = commaSeparated(parameter);
            if (defaultValue != null && reads.parsesFilters()) {
                schema.putArray("default").add(defaultValue);
            }
        } else {
            parameter.putObject("schema").put("type", "string");
        }
        return parameter;
    }

    private static ObjectNode extra(Extra extra) {
        String description = extra.description();
        ObjectNode parameter = query(extra.id(), description);
        ObjectNode schema = parameter.putObject("schema");
        if (extra.isInteger()) {
            schema.put("type", "integer")
                    .put("minimum", extra.minimum())
                    .put("maximum", extra.maximum())
                    .put("default", Integer.parseInt(extra.defaultValue()));
        } else {
            schema.put("type", "string");
            if (extra.defaultValue() != null) {
                parameter.put("description", description + "; absent: " + extra.defaultValue());
            }
        }
        return parameter;
    }

    private static ObjectNode callback(ApiConventions conventions) {
        ObjectNode callback = query(
                "callback",
                "JSONP: answer `/**/callback(<json>);` as `application/javascript`; empty: plain JSON;"
                        + " anything but a JavaScript identifier path is a 400");
        callback.putObject("schema")
                .put("type", "string")
                .put("pattern", "^(" + conventions.callbackPattern() + ")?$")
                .put("maxLength", conventions.maxCallbackLength());
        return callback;
    }

    private static ObjectNode errorResponses(ObjectNode errorSchema, ApiConventions conventions) {
        ObjectNode responses = JSON.objectNode();
        for (ErrorResponse error : ERRORS) {
            String description = error == URI_TOO_LONG
                    ? error.description() + " (" + conventions.maxQueryLength() + " characters here)"
                    : error.description();
            ObjectNode response = responses.putObject(error.name()).put("description", description);
            ObjectNode headers = response.putObject("headers");
            headers.putObject("X-Content-Type-Options").put("$ref", HEADERS + "X-Content-Type-Options");
            headers.putObject("Cache-Control")
                    .put("description", "`no-store`: errors are never cached")
                    .putObject("schema")
                    .put("type", "string");
            if (error == UNAVAILABLE) {
                headers.putObject("Retry-After").put("$ref", HEADERS + "Retry-After");
            }
            response.putObject("content").putObject(JSON_TYPE).set("schema", errorSchema);
        }
        return responses;
    }

    private static ObjectNode headers(ApiConventions conventions) {
        ObjectNode headers = JSON.objectNode();
        for (List<String> header : SUCCESS_HEADERS) {
            headers.putObject(header.get(0))
                    .put("description", header.get(1))
                    .putObject("schema")
                    .put("type", "string");
        }
        headers.putObject("Retry-After")
                .put("description", "seconds to wait before asking again")
                .putObject("schema")
                .put("type", "integer")
                .put("const", conventions.retryAfterSeconds());
        return headers;
    }
}
