package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.testing.ApiClient.byId;
import static org.stackvault.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.testing.ApiClient;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.RefreshResult;

/**
 * Users through a real memcached: {@code /users/<id>} reads {@code user:<id>} by key, as the
 * original; a record's user with no {@code user:<seq>} entry is found under
 * {@code user:<user_id>} when the vault is built, fully or incrementally.
 */
class UserProfilesTest {
    private static final String ALL = "release=all&project_type=all";
    private static MemcachedProcess memcached;
    private static MemcachedStorage storage;
    private static TestStore store;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        memcached = MemcachedProcess.start();
        storage = MemcachedStorage.connect(List.of(memcached.address()), PythonMemcachedHash.V1_59, 5000, 20 << 20);
        store = new TestStore(storage)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                // as the original's API tests store users: under user:<id> alone, without seq or user_id
                .userAt("solo", profile("Solo Dev", "NEC", "nova"))
                .load(
                        TestRecords.commit().user("john_doe", "John Doe").company("IBM"),
                        TestRecords.commit().user("solo", "Solo Dev").company("NEC"));
        api = ApiClient.of(TestServer.startReady(
                Map.of("memcached", memcached.address(), "refresh-interval", "3600", "consumer-id", "31")));
    }

    private static Map<String, Object> profile(String name, String company, String coreModule) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_name", name);
        user.put("companies", List.of(Map.of("company_name", company, "end_date", 0L)));
        user.put("core", List.of(List.of(coreModule, "master")));
        return user;
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (storage != null) {
            storage.close();
        }
        if (memcached != null) {
            memcached.close();
        }
    }

    private static JsonNode ok(String path) throws Exception {
        return api.ok(path);
    }

    /** {@code {id: core}} of {@code /stats/engineers}. */
    private static JsonNode core(String query) throws Exception {
        return byId(ok("/api/1.0/stats/engineers?" + ALL + "&" + query).get("stats"), "core");
    }

    @Test
    void userStoredOnlyUnderItsId_isServed() throws Exception {
        JsonNode user = ok("/api/1.0/users/solo").get("user");
        assertEquals("Solo Dev", user.get("user_name").asText());
        assertEquals("solo", user.get("id").asText());
        assertEquals("Solo Dev", user.get("text").asText());
        assertEquals("NEC", user.get("company_link").get("title").asText());
    }

    @Test
    void userStoredOnlyUnderItsId_namesItsRecordsAndCarriesItsCoreAndCompany() throws Exception {
        assertEquals(
                json("{'john_doe': 'John Doe', 'solo': 'Solo Dev'}"),
                byId(ok("/api/1.0/users?" + ALL + "&metric=commits&module=nova").get("data"), "text"));
        assertEquals(json("{'john_doe': 'master', 'solo': 'master'}"), core("metric=commits&module=nova"));
        JsonNode extended =
                ok("/api/1.0/stats/engineers_extended?" + ALL + "&user_id=solo").get("stats");
        assertEquals("NEC", extended.get(0).get("company").asText());
    }

    @Test
    void userFilter_keepsAUserWhoseProfileIsStoredUnderItsId() throws Exception {
        // the original drops a user id without a profile from the filter; solo has one
        JsonNode stats = ok("/api/1.0/stats/companies?" + ALL + "&metric=commits&user_id=solo")
                .get("stats");
        assertEquals(1, stats.size(), stats.toString());
        assertEquals("NEC", stats.get(0).get("id").asText());
    }

    @Test
    void userDetails_readTheKeyFromTheSource_evenOneNoRecordOrDirectoryKnows() throws Exception {
        storage.set("user:gerrit:late", Map.of("user_id", "late", "user_name", "Late Comer", "companies", List.of()));
        JsonNode user = ok("/api/1.0/users/gerrit:late").get("user");
        assertEquals("late", user.get("id").asText());
        assertEquals("Late Comer", user.get("text").asText());
        assertEquals("", user.get("company_link").asText());
        assertEquals(404, api.get("/api/1.0/users/nobody").statusCode());
        assertEquals(404, api.get("/api/1.0/users/count").statusCode(), "user:count is not a user");
        assertEquals(404, api.get("/api/1.0/users/with%20space").statusCode());
    }

    @Test
    void incrementalBuild_findsTheProfilesOfNewAndChangedUsersUnderTheirIds() throws Exception {
        store.userAt("newbie", profile("New Bee", "Intel", "glance"))
                .userAt("changer", profile("Changer", "HP", "nova"))
                .insert(TestRecords.commit()
                        .user("changer", "Changer")
                        .module("glance")
                        .company("HP"));
        assertEquals(
                RefreshResult.Outcome.INCREMENTAL,
                api.server().app().holder().refresh(false).outcome());
        assertEquals(json("{'changer': null}"), core("metric=commits&module=glance&company=hp"));

        store.userAt("changer", profile("Changer", "HP", "glance"))
                .insert(
                        TestRecords.commit()
                                .user("newbie", "New Bee")
                                .module("glance")
                                .company("Intel"),
                        TestRecords.commit()
                                .user("changer", "Changer")
                                .module("glance")
                                .company("HP"));
        assertEquals(
                RefreshResult.Outcome.INCREMENTAL,
                api.server().app().holder().refresh(false).outcome());
        assertEquals(
                json("{'newbie': 'master', 'changer': 'master'}"),
                core("metric=commits&module=glance&user_id=" + "newbie,changer"));
        assertEquals(
                "New Bee",
                byId(
                                ok("/api/1.0/users?" + ALL + "&metric=commits&module=glance")
                                        .get("data"),
                                "text")
                        .get("newbie")
                        .asText());

        // a user with no changed record keeps the profile read before: it is not read again
        Object solo = storage.get("user:solo");
        storage.delete("user:solo");
        try {
            store.insert(TestRecords.commit()
                    .user("newbie", "New Bee")
                    .module("glance")
                    .company("Intel"));
            assertEquals(
                    RefreshResult.Outcome.INCREMENTAL,
                    api.server().app().holder().refresh(false).outcome());
            assertEquals(
                    "master", core("metric=commits&module=nova").get("solo").asText());
        } finally {
            storage.set("user:solo", solo);
        }
    }
}
