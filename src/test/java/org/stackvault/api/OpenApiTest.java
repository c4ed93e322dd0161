package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Extra;
import org.stackvault.query.Param;
import org.stackvault.testing.RunningServer;

/**
 * The API description at {@code /api/openapi.json}: valid OpenAPI 3.1, exactly the
 * endpoint table, and every endpoint's real answers on the bundled sample — successes,
 * JSONP and errors — are what it documents: a documented status and media type, and a
 * body that validates against the schema it gives (JSON Schema 2020-12).
 */
class OpenApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "3600"));

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new HashMap<>();

    private static String body(String path) throws Exception {
        HttpResponse<String> response = SERVER.server().get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static JsonNode document() throws Exception {
        return MAPPER.readTree(body("/api/openapi.json"));
    }

    @Test
    void description_isServedAsJson_withTheApisHeaders_andTheSameBytesEachTime() throws Exception {
        HttpResponse<String> first = SERVER.server().get("/api/openapi.json");
        assertEquals(200, first.statusCode());
        assertEquals(
                "application/json;charset=utf-8",
                first.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        assertEquals(
                "nosniff", first.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals(
                "*", first.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(first.body(), SERVER.server().get("/api/openapi.json").body());
    }

    @Test
    void description_isValidOpenApi31() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(body("/api/openapi.json"), null, options);
        assertEquals(List.of(), parsed.getMessages());
        assertNotNull(parsed.getOpenAPI());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertEquals(Endpoint.ALL.size(), parsed.getOpenAPI().getPaths().size());

        ObjectNode broken = (ObjectNode) document();
        ((ObjectNode) broken.path("paths").path("/releases").path("get")).remove("responses");
        ((ObjectNode) broken.path("paths")
                        .path("/metrics")
                        .path("get")
                        .path("parameters")
                        .path(0))
                .remove("in");
        List<String> messages = new OpenAPIParser()
                .readContents(broken.toString(), null, options)
                .getMessages();
        assertEquals(2, messages.size(), "the parser checks: " + messages);
    }

    @Test
    void everySchema_isValidJsonSchema202012() throws Exception {
        Schema metaSchema = registry.getSchema(SchemaLocation.of(DRAFT_2020_12));
        JsonNode schemas = document().path("components").path("schemas");
        assertTrue(schemas.size() > 20, "schemas: " + schemas.size());
        assertFalse(metaSchema.validate("{\"type\": 5}", InputFormat.JSON).isEmpty(), "the meta-schema checks");
        schemas.properties().forEach(named -> {
            List<Error> errors = metaSchema.validate(named.getValue().toString(), InputFormat.JSON);
            assertEquals(List.of(), errors, named.getKey());
        });
    }

    @Test
    void description_listsExactlyTheEndpointTable_withTheirParameters() throws Exception {
        JsonNode document = document();
        assertEquals("/api/1.0", document.path("servers").path(0).path("url").asText());
        List<String> paths = names(document.path("paths"));
        assertEquals(Endpoint.ALL.stream().map(e -> "/" + e.path()).toList(), paths);
        assertEquals(23, paths.size());
        for (Endpoint<?> endpoint : Endpoint.ALL) {
            JsonNode operations = document.path("paths").path("/" + endpoint.path());
            assertEquals(List.of("get"), names(operations), endpoint.path());
            JsonNode get = operations.path("get");
            assertEquals(endpoint.summary(), get.path("summary").asText());
            Map<String, JsonNode> parameters = new HashMap<>();
            get.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p));
            Set<String> expected = new LinkedHashSet<>(endpoint.reads().parameterNames());
            expected.add("callback");
            if (endpoint.hasId()) {
                expected.add("id");
                assertEquals("path", parameters.get("id").path("in").asText());
            }
            assertTrue(parameters.keySet().containsAll(expected), endpoint + ": " + parameters.keySet());
            if (endpoint.reads().parsesFilters()) {
                for (Param param : Param.values()) {
                    assertEquals(
                            param != Param.CORE_IN || expected.contains(param.id()),
                            parameters.containsKey(param.id()),
                            endpoint + " documents the validated filter " + param.id());
                }
            }
            for (Extra extra : endpoint.reads().extras()) {
                JsonNode schema = parameters.get(extra.id()).path("schema");
                assertEquals(
                        extra.isInteger() ? "integer" : "string",
                        schema.path("type").asText(),
                        extra.id());
                if (extra.isInteger()) {
                    assertEquals(extra.defaultValue(), schema.path("default").asText(), extra.id());
                }
            }
            assertEquals(
                    "^(" + ApiFilter.CALLBACK_SYNTAX + ")?$",
                    parameters.get("callback").path("schema").path("pattern").asText());
            JsonNode responses = get.path("responses");
            assertTrue(responses.path("200").path("content").has("application/javascript"), endpoint + ": JSONP");
            for (String status : List.of("400", "414", "503")) {
                assertTrue(responses.has(status), endpoint + " documents " + status);
            }
        }
        JsonNode metric = parameter(document, "/stats/companies", "metric");
        assertEquals("marks", metric.path("schema").path("default").path(0).asText());
        assertEquals("form", metric.path("style").asText());
        assertFalse(metric.path("explode").asBoolean(true), "comma-separated");
        assertEquals(
                "members",
                parameter(document, "/members", "metric")
                        .path("schema")
                        .path("default")
                        .path(0)
                        .asText());
        assertTrue(parameter(document, "/stats/bp", "metric")
                .path("schema")
                .path("default")
                .isMissingNode());
        JsonNode unavailable = document.path("components").path("responses").path("ServiceUnavailable");
        assertTrue(unavailable.path("headers").has("Retry-After"));
    }

    private static JsonNode parameter(JsonNode document, String path, String name) {
        for (JsonNode p : document.path("paths").path(path).path("get").path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(path + " has no parameter " + name);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Requests of every endpoint on the sample: answers, JSONP, and errors (unknown and malformed values). */
    private static Map<Endpoint<?>, List<String>> requests() throws Exception {
        String all = "release=all&project_type=all";
        List<String> common = List.of(
                "",
                all,
                all + "&metric=commits",
                all + "&metric=marks",
                all + "&metric=loc&callback=cb",
                all + "&metric=person-day",
                "release=nosuchrelease",
                "start_date=notadate",
                "callback=1nvalid");
        Map<Endpoint<?>, List<String>> requests = new java.util.LinkedHashMap<>();
        for (Endpoint<?> endpoint : Endpoint.ALL) {
            if (endpoint.hasId()) {
                continue;
            }
            List<String> queries = new ArrayList<>(common);
            if (endpoint == Endpoint.ACTIVITY) {
                queries.add(all + "&page_size=100");
                queries.add(all + "&metric=commits&start_record=3&page_size=7&query_message=a");
                queries.add("page_size=0");
            } else if (endpoint == Endpoint.NEW_COMPANIES) {
                queries.add(all + "&days=100000");
            } else if (endpoint == Endpoint.AFFILIATION_CHANGES) {
                queries.add("start_days=2000-Jan-01");
                queries.add("start_days=0&end_days=4102444800");
            } else if (endpoint == Endpoint.USERS) {
                queries.add(all + "&core_in=master");
            } else if (endpoint == Endpoint.MEMBERS || endpoint == Endpoint.LANGUAGES) {
                queries.add(all + "&metric=" + (endpoint == Endpoint.MEMBERS ? "members" : "translations"));
            }
            requests.put(endpoint, queries);
        }
        requests.put(Endpoint.COMPANY, idRequests("companies", "company"));
        requests.put(Endpoint.MODULE, idRequests("modules", "module"));
        requests.put(Endpoint.USER, idRequests("users", "user"));
        return requests;
    }

    /** Three ids {@code list} answers, and one no list holds, each with and without filters. */
    private static List<String> idRequests(String list, String singular) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : MAPPER.readTree(body("/api/1.0/" + list + "?release=all&project_type=all"))
                .path("data")) {
            if (ids.size() < 3) {
                ids.add(item.path("id").asText());
            }
        }
        assertEquals(3, ids.size(), list);
        ids.add("no-such-" + singular);
        List<String> requests = new ArrayList<>();
        for (String id : ids) {
            String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            requests.add(segment + "?");
            requests.add(segment + "?release=all&project_type=all&callback=cb");
        }
        return requests;
    }

    @Test
    void everyEndpoint_realAnswers_matchTheDescription() throws Exception {
        JsonNode document = document();
        List<String> mismatches = new ArrayList<>();
        int answers = 0;
        for (Map.Entry<Endpoint<?>, List<String>> entry : requests().entrySet()) {
            Endpoint<?> endpoint = entry.getKey();
            JsonNode responses = document.path("paths")
                    .path("/" + endpoint.path())
                    .path("get")
                    .path("responses");
            int ok = 0;
            for (String query : entry.getValue()) {
                String path = "/api/1.0/"
                        + (endpoint.hasId()
                                ? endpoint.path().replace("{id}", "") + query
                                : endpoint.path() + "?" + query);
                HttpResponse<String> response = SERVER.server().get(path);
                String problem = mismatch(document, responses, response);
                if (problem != null) {
                    mismatches.add(path + " → " + response.statusCode() + ": " + problem);
                }
                ok += response.statusCode() == 200 ? 1 : 0;
                answers++;
            }
            if (ok == 0) {
                mismatches.add(endpoint + ": no request answered 200 on the sample");
            }
        }
        assertEquals(List.of(), mismatches, "of " + answers + " answers");
    }

    /** Why {@code response} is not what {@code responses} documents, or null. */
    private String mismatch(JsonNode document, JsonNode responses, HttpResponse<String> response) throws Exception {
        JsonNode documented = responses.path(Integer.toString(response.statusCode()));
        if (documented.isMissingNode()) {
            return "status not documented";
        }
        if (documented.has("$ref")) {
            documented = resolve(document, documented.path("$ref").asText());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String mediaType = contentType.replaceAll(";.*", "").trim();
        JsonNode content = documented.path("content").path(mediaType);
        if (content.isMissingNode()) {
            return "media type " + contentType + " not documented";
        }
        String json = response.body();
        if (mediaType.equals("application/javascript")) {
            if (!json.startsWith("/**/cb(") || !json.endsWith(");")) {
                return "not JSONP: " + json.substring(0, Math.min(40, json.length()));
            }
            json = json.substring("/**/cb(".length(), json.length() - 2);
            content = documented.path("content").path("application/json");
        }
        List<Error> errors = validate(document, content.path("schema"), json);
        return errors.isEmpty()
                ? null
                : errors.subList(0, Math.min(5, errors.size())).toString();
    }

    private static JsonNode resolve(JsonNode document, String ref) {
        return document.at(ref.substring(1));
    }

    /** The errors of {@code json} against {@code schema}, whose references point into the document's components. */
    private List<Error> validate(JsonNode document, JsonNode schema, String json) {
        Schema compiledSchema = compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = MAPPER.createObjectNode().put("$schema", DRAFT_2020_12);
            root.setAll((ObjectNode) schema.deepCopy());
            root.putObject("components")
                    .set("schemas", document.path("components").path("schemas"));
            return registry.getSchema(root.toString(), InputFormat.JSON);
        });
        return compiledSchema.validate(json, InputFormat.JSON);
    }

    /** The schemas are tight: a renamed key, a value of another type, a missing key each fail. */
    @Test
    void mutatedAnswers_failTheSchema() throws Exception {
        JsonNode document = document();
        JsonNode statsSchema = schemaOf(document, "/stats/companies");
        String answer = body("/api/1.0/stats/companies?release=all&project_type=all&metric=marks");
        assertEquals(List.of(), validate(document, statsSchema, answer));

        ObjectNode renamed = (ObjectNode) MAPPER.readTree(answer);
        ObjectNode row = (ObjectNode) renamed.path("stats").path(0);
        row.set("metrics", row.remove("metric"));
        assertFalse(validate(document, statsSchema, renamed.toString()).isEmpty(), "metric renamed metrics");

        ObjectNode retyped = (ObjectNode) MAPPER.readTree(answer);
        ((ObjectNode) retyped.path("stats").path(0)).put("mark_ratio", 5);
        assertFalse(validate(document, statsSchema, retyped.toString()).isEmpty(), "mark_ratio a number");

        ObjectNode incomplete = (ObjectNode) MAPPER.readTree(answer);
        ((ObjectNode) incomplete.path("stats").path(0)).remove("disagreements");
        assertFalse(validate(document, statsSchema, incomplete.toString()).isEmpty(), "one mark field missing");

        JsonNode timelineSchema = schemaOf(document, "/stats/timeline");
        String timeline = body("/api/1.0/stats/timeline?release=all&project_type=all&metric=commits");
        assertEquals(List.of(), validate(document, timelineSchema, timeline));
        assertFalse(
                validate(document, timelineSchema, timeline.replaceFirst("\\[\"([^\"]+)\",(\\d+)]", "[\"$1\",\"$2\"]"))
                        .isEmpty(),
                "a week's count as text");

        JsonNode contributionSchema = schemaOf(document, "/contribution");
        ObjectNode contribution = (ObjectNode) MAPPER.readTree(body("/api/1.0/contribution?release=all"));
        ((ObjectNode) contribution.path("contribution")).put("commits_count", 1);
        assertFalse(
                validate(document, contributionSchema, contribution.toString()).isEmpty(), "an unknown key");
    }

    private static JsonNode schemaOf(JsonNode document, String path) {
        return document.path("paths")
                .path(path)
                .path("get")
                .path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("schema");
    }
}
