package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * Thousands of generated requests at every endpoint — known and unknown parameters,
 * valid, malformed, huge, negative, non-ASCII and badly encoded values: never a 5xx,
 * never a hang, always a JSON (or JSONP) body.
 */
class FuzzTest {
    private static final String[] ENDPOINTS = {"stats/companies", "stats/modules", "stats/engineers",
        "stats/engineers_extended", "stats/distinct_engineers", "stats/timeline", "stats/bp", "stats/languages",
        "activity", "contribution", "companies", "modules", "members", "languages", "users", "releases", "metrics",
        "project_types", "affiliation_changes", "new_companies", "companies/IBM", "companies/%00", "modules/nova",
        "modules/NOVA", "users/john_doe", "users/%E2%98%83", "health", "no/such"};
    private static final String[] PARAMS = {"release", "project_type", "module", "company", "user_id", "metric",
        "start_date", "end_date", "blueprint_id", "core_in", "language", "page_size", "start_record",
        "query_message", "days", "start_days", "end_days", "tag", "tags", "callback", "random"};
    private static final String[] VALUES = {"all", "train", "stein", "TRAIN", "nosuch", "openstack", "others", "nova",
        "core-group", "IBM", "ibm", "intel", "AT%26T", "john_doe", "jane", "marks", "commits", "loc", "person-day",
        "members", "translations", "emails", "commits,marks", "all,train", "20190101", "2019-05-01", "2019-13-45",
        "1556668800", "-1", "0", "1", "10", "99999999999999999999", "-99999999", "nova:fast-boot", "master",
        "German", "%FF", "%E2%98%83", "%", "%zz", "a%00b", "%3Cscript%3E", "cb", "a.b.c", "alert(1)", "1e9",
        "2019-Mar-05", "", ",", ",,,", "x".repeat(300)};

    @Test
    void thousandsOfGeneratedRequests_neverA5xxNorAHang() throws Exception {
        Path dump = new TestStore(DumpStorage.empty("fuzz")).referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .load(TestRecords.commit(), TestRecords.mark().user("jane", "Jane Roe"), TestRecords.review(),
                        TestRecords.email(), TestRecords.of("tr").set("value", "German").set("loc", 5L))
                .writeDump(Files.createTempFile("fuzz", ".pickle"));
        ObjectMapper mapper = new ObjectMapper();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (TestServer server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "3600"))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                long seed = worker;
                done.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int i = 0; i < 750; i++) {
                        String path = request(random);
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + server.port() + path))
                                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() >= 500) {
                                failures.add(r.statusCode() + " " + path + " " + r.body());
                            } else if (!refusedByTheContainer(r, path)) {
                                mapper.readTree(CompatibilityTest.unwrapJsonp(r.body()));
                            }
                        } catch (IllegalArgumentException rejectedByTheClient) {
                            // java.net.URI refuses it; nothing reached the server
                        } catch (Exception e) {
                            failures.add(e + " " + path);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
        } finally {
            Files.deleteIfExists(dump);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, e.g.\n" + String.join("\n",
                failures.stream().limit(10).toList()));
    }

    /**
     * A path with an encoded NUL never reaches the application: the container itself
     * answers 400 (its own page). Everything else must be answered by Stackvault, in JSON.
     */
    private static boolean refusedByTheContainer(HttpResponse<String> r, String path) {
        return r.statusCode() == 400 && path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?'))
                .contains("%00");
    }

    private static String request(SplittableRandom random) {
        StringBuilder path = new StringBuilder("/api/1.0/").append(ENDPOINTS[random.nextInt(ENDPOINTS.length)]);
        int params = random.nextInt(5);
        for (int p = 0; p < params; p++) {
            path.append(p == 0 ? '?' : '&').append(PARAMS[random.nextInt(PARAMS.length)]).append('=')
                    .append(VALUES[random.nextInt(VALUES.length)]);
        }
        return path.toString();
    }
}
