package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * A generated data set for the report tests: reviews of two modules in every status and vote,
 * their patch sets and votes (some merged changes with one +2, some with more), commits of
 * every size, e-mails and blueprints, by a few users, some of whom have hostile names and ids
 * that hold {@code / % ; .. " < >}. The records are kept as the dicts stored, so the tests
 * compute every figure from them independently of the code under test.
 */
final class ReportData {
    static final String IMG = OverviewPageTest.IMG;
    static final String SCRIPT = OverviewPageTest.SCRIPT;
    static final String QUOTES = OverviewPageTest.QUOTES;
    /** A user id and a company name that need every escape a path segment can need. */
    static final String ODD_ID = "o/p%q;r..s\"t<u>v";

    static final String ODD_COMPANY = "Slash/Co %;..\"<>";
    /** A message with hostile text around a bug, a blueprint and a change id. */
    static final String HOSTILE_MESSAGE = IMG + " fixes bug #1234567 " + SCRIPT + "\n\nblueprint my-bp " + QUOTES
            + "\nChange-Id: I0123456789abcdef0123456789abcdef01234567\n";

    /** The users: id, name, company. */
    static final List<String[]> USERS = List.of(
            new String[] {"john_doe", "John Doe", "IBM"},
            new String[] {"evil", IMG, SCRIPT},
            new String[] {"quotes", QUOTES, QUOTES},
            new String[] {ODD_ID, "Odd Name", ODD_COMPANY});

    /** Now, rounded down to the hour so ages fall in the middle of hours: the server's clock reads a little later. */
    final long now = Instant.now().getEpochSecond() / 3600 * 3600;

    final List<Map<String, Object>> stored = new ArrayList<>();
    private final List<TestRecords.Builder> builders = new ArrayList<>();
    private final Random random = new Random(20261206);

    ReportData() {
        for (int i = 0; i < 150; i++) {
            review(i);
        }
        for (int i = 0; i < 30; i++) {
            commit(i);
        }
        for (int i = 0; i < 25; i++) {
            String[] u = user();
            add(TestRecords.email()
                    .user(u[0], u[1])
                    .company(u[2])
                    .set("subject", i % 5 == 0 ? SCRIPT : "[nova] question " + i)
                    .set("body", i % 5 == 0 ? IMG : "body " + i)
                    .set("email_link", i % 7 == 0 ? "javascript:alert(1)" : "https://lists.example.org/" + i)
                    .set("blueprint_id", i % 4 == 0 ? List.of("nova:my-bp") : List.of())
                    .date(randomDate()));
        }
        for (String type : List.of("bugf", "bugr")) {
            String[] u = user();
            add(TestRecords.of(type)
                    .user(u[0], u[1])
                    .company(u[2])
                    .primaryKey(type + ":nova/1234567")
                    .set("id", "nova/1234567")
                    .set("web_link", "https://bugs.launchpad.net/nova/+bug/1234567")
                    .set("title", "Bug #1234567 in nova: \"" + SCRIPT + "\"")
                    .set("status", "Fix Released")
                    .set("importance", "High")
                    .date(randomDate()));
        }
        add(TestRecords.of("tr")
                .user("john_doe", "John Doe")
                .primaryKey("zanata:john:nova:1:master")
                .set("language", "German")
                .set("value", "German")
                .set("loc", 42L)
                .set("branch", "master")
                .date(randomDate()));
        add(TestRecords.of("member")
                .user("member1", IMG)
                .module("unknown")
                .primaryKey("member1")
                .set("member_uri", "https://www.openstack.org/community/members/profile/1")
                .date(randomDate()));
        for (String type : List.of("bpd", "bpc")) {
            for (int i = 0; i < 6; i++) {
                String[] u = user();
                String name = i == 0 ? "my-bp" : type + "-bp-" + i;
                add(TestRecords.of(type)
                        .user(u[0], u[1])
                        .company(u[2])
                        .primaryKey(type + ":nova:" + name)
                        .set("id", "nova:" + name)
                        .set("name", name)
                        .set("title", i == 0 ? IMG : "Blueprint " + i)
                        .set("summary", i == 0 ? SCRIPT : "Summary " + i)
                        .set("whiteboard", i == 0 ? QUOTES : "")
                        .set("lifecycle_status", "Started")
                        .set("priority", "High")
                        .set("definition_status", "Approved")
                        .set("implementation_status", "Started")
                        .set("direction_approved", true)
                        .set("mention_count", (long) i)
                        .set("mention_date", now - 86400)
                        .set("web_link", "https://blueprints.launchpad.net/nova/+spec/" + name)
                        .date(randomDate()));
            }
        }
    }

    private String[] user() {
        return USERS.get(random.nextInt(USERS.size()));
    }

    /** A date in the last 90 days at a random hour and minute (every weekday and hour occur). */
    private long randomDate() {
        return now - random.nextInt(90) * 86400L - random.nextInt(86400);
    }

    private void add(TestRecords.Builder b) {
        builders.add(b);
        stored.add(b.build(builders.size() - 1));
    }

    private void review(int i) {
        String[] u = user();
        String module = i % 3 == 0 ? "glance" : "nova";
        String id = String.format("I%040x", i + 1);
        String status = i % 4 == 0 ? "MERGED" : i % 9 == 1 ? "ABANDONED" : "NEW";
        long[] votes = {-2, -1, 0, 1, 2};
        long created = now - random.nextInt(40) * 86400L - random.nextInt(24) * 3600L - 1800;
        long updated = created + random.nextInt((int) (now - created) / 3600) * 3600L;
        TestRecords.Builder review = TestRecords.review()
                .user(u[0], u[1])
                .company(u[2])
                .module(module)
                .primaryKey(id)
                .set("id", id)
                .set("status", status)
                .set("subject", i % 5 == 0 ? IMG + " change " + i : "Change " + i)
                .set("url", "https://review.example.org/" + i)
                .set("project", "openstack/" + module)
                .set("updated_on", updated)
                .date(created);
        if (i % 11 != 5) {
            review.set("value", votes[random.nextInt(votes.length)]);
        } else {
            review.set("value", null);
        }
        add(review);
        add(TestRecords.patch()
                .user(u[0], u[1])
                .company(u[2])
                .module(module)
                .primaryKey(id + ":1")
                .set("review_id", id)
                .set("parent_subject", "")
                .date(created));
        int plusTwos = random.nextInt(3);
        for (int k = 0; k < plusTwos; k++) {
            String[] reviewer = user();
            add(TestRecords.mark()
                    .user(reviewer[0], reviewer[1])
                    .company(reviewer[2])
                    .module(module)
                    .primaryKey(id + ":1:plus" + k)
                    .set("review_id", id)
                    .set("patch", 1L)
                    .set("value", 2L)
                    .set("branch", i % 10 == 3 ? "stable/train" : "master")
                    .date(randomDate()));
        }
        String[] voter = user();
        add(TestRecords.mark()
                .user(voter[0], voter[1])
                .company(voter[2])
                .module(module)
                .primaryKey(id + ":1:minus")
                .set("review_id", id)
                .set("patch", 1L)
                .set("value", -1L)
                .date(randomDate()));
    }

    private void commit(int i) {
        String[] u = user();
        add(TestRecords.commit()
                .user(u[0], u[1])
                .company(u[2])
                .module(i % 2 == 0 ? "nova" : "glance")
                .primaryKey("commit-" + i)
                .set("change_id", List.of(String.format("I%040x", 1000 + i)))
                .set("loc", (long) random.nextInt(3000))
                .set("subject", i % 4 == 0 ? IMG : "Commit " + i)
                .set("message", i % 3 == 0 ? HOSTILE_MESSAGE : "Plain message " + i)
                .set("blueprint_id", i % 3 == 0 ? List.of("nova:my-bp") : List.of())
                .date(randomDate()));
    }

    /** A server of this data set (a dump file in a real embedded Jetty) and how the tests read it. */
    static final class Served implements AutoCloseable {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        final TestServer server;
        private final Path dump;

        private Served(TestServer server, Path dump) {
            this.server = server;
            this.dump = dump;
        }

        /** A page answered 200 with the pages' CSP, parsed with its address as the base. */
        Document page(String pathAndQuery) throws Exception {
            HttpResponse<String> response = server.get(pathAndQuery);
            assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
            assertEquals(
                    Pages.CONTENT_SECURITY_POLICY,
                    response.headers().firstValue("Content-Security-Policy").orElseThrow(),
                    pathAndQuery);
            return Jsoup.parse(response.body(), server.uri(pathAndQuery).toString());
        }

        /** A JSON answer, 200. */
        JsonNode json(String pathAndQuery) throws Exception {
            HttpResponse<String> response = server.get(pathAndQuery);
            assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
            assertTrue(
                    response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            return MAPPER.readTree(response.body());
        }

        @Override
        public void close() throws Exception {
            server.close();
            Files.deleteIfExists(dump);
        }
    }

    /** Serves this data set until closed. */
    Served serve() throws Exception {
        Path dump = store(new TestStore(DumpStorage.empty("report test")))
                .writeDump(Files.createTempFile("report-test", ".pickle"));
        return new Served(TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600")), dump);
    }

    /** The store holding the reference data, the users and the records. */
    TestStore store(TestStore store) {
        store.referenceData();
        for (String[] u : USERS) {
            store.user(u[0], u[1], u[2], u[0].replaceAll("[^a-z]", "") + "@example.org");
        }
        return store.load(builders.toArray(TestRecords.Builder[]::new));
    }
}
