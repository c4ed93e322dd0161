package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stackvault.testing.JsonCompare;
import org.stackvault.testing.SharedData;
import org.stackvault.testing.TestServer;

/**
 * The compatibility kit ({@code ../shared/compat}): every request of {@code answers.jsonl.gz},
 * asked of Stackvault serving the kit's dump, must give the original dashboard's answer.
 * Skipped, with a message, when the kit is absent.
 */
class CompatibilityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void serveTheKitsDump() throws Exception {
        assumeTrue(SharedData.hasCompat(), "compatibility kit not found at " + SharedData.compat() + "; skipped");
        server = TestServer.startReady(Map.of("dump", SharedData.compatDump().toString(), "refresh-interval", "3600"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    record Answer(String path, int status, String text) {}

    static List<Answer> answers() throws Exception {
        List<Answer> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SharedData.compat().resolve("answers.jsonl.gz"))),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = MAPPER.readTree(line);
                out.add(new Answer(
                        n.get("path").asText(),
                        n.get("status").asInt(),
                        n.get("text").asText()));
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> everyRequestGivesTheOriginalsAnswer() throws Exception {
        return everyRequestGivesTheOriginalsAnswer(server);
    }

    /** One dynamic test per recorded answer, asked of {@code server}. */
    static List<DynamicTest> everyRequestGivesTheOriginalsAnswer(TestServer server) throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Answer answer : answers()) {
            tests.add(DynamicTest.dynamicTest(answer.path(), () -> {
                HttpResponse<String> response = server.get(answer.path());
                assertEquals(answer.status(), response.statusCode(), "status of " + answer.path());
                if (answer.status() != 200) {
                    return;
                }
                JsonNode expected = MAPPER.readTree(unwrapJsonp(answer.text()));
                JsonNode actual = MAPPER.readTree(unwrapJsonp(response.body()));
                List<String> differences = JsonCompare.differences(expected, actual);
                assertTrue(differences.isEmpty(), answer.path() + " differs:\n  " + String.join("\n  ", differences));
            }));
        }
        return tests;
    }

    /** The JSON inside {@code callback(...)} (and the {@code /**}{@code /} prefix, {@code ;} suffix). */
    static String unwrapJsonp(String body) {
        String s = body.strip();
        if (s.startsWith("/**/")) {
            s = s.substring(4);
        }
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        int open = s.indexOf('(');
        if (!s.startsWith("{") && !s.startsWith("[") && open > 0 && s.endsWith(")")) {
            return s.substring(open + 1, s.length() - 1);
        }
        return s;
    }
}
