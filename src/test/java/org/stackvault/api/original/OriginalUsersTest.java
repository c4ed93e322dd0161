package org.stackvault.api.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.api.original.ScenarioServer.assertIn;
import static org.stackvault.api.original.ScenarioServer.dict;
import static org.stackvault.api.original.ScenarioServer.json;
import static org.stackvault.testing.TestRecords.makeRecords;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.TestStore;

/** The scenarios of the original's {@code stackalytics/tests/api/test_users.py}. */
class OriginalUsersTest {

    // ports test_users.TestAPIUsers.test_users
    @Test
    void users_listTheAuthorsOfTheSelectedRecords_namedByTheirProfile() throws Exception {
        TestStore store = ScenarioServer.storage()
                .repos(List.of(dict(
                        "module",
                        "nova",
                        "organization",
                        "openstack",
                        "uri",
                        "https://git.openstack.org/openstack/nova.git")))
                .projectTypes(
                        List.of(dict("id", "openstack", "title", "openstack", "modules", List.of("nova", "glance"))))
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1234567890L),
                        dict("release_name", "icehouse", "end_date", 1234567890L)))
                .moduleGroups(dict(
                        "nova", TestStore.makeModule("nova"),
                        "glance", TestStore.makeModule("glance")))
                .userAt("john_doe", dict("user_name", "John Doe"))
                .userAt("bill_smith", dict("user_name", "Bill Smith"))
                .loadGenerated(makeRecords()
                        .with("record_type", "commit")
                        .with("module", "nova")
                        .with("user_id", "john_doe", "bill_smith"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode users =
                    api.getJson("/api/1.0/users?module=nova&metric=commits").get("data");
            assertEquals(2, users.size(), users.toString());
            assertIn(json("{'id': 'john_doe', 'text': 'John Doe'}"), users);
            assertIn(json("{'id': 'bill_smith', 'text': 'Bill Smith'}"), users);
        }
    }

    // ports test_users.TestAPIUsers.test_user_details
    @Test
    void user_isTheStoredProfile() throws Exception {
        TestStore store = ScenarioServer.storage()
                .userAt(
                        "john_doe",
                        dict(
                                "seq",
                                1L,
                                "user_id",
                                "john_doe",
                                "user_name",
                                "John Doe",
                                "companies",
                                List.of(dict("company_name", "NEC", "end_date", 0L)),
                                "emails",
                                "john_doe@gmail.com"))
                .loadGenerated(makeRecords()
                        .with("record_type", "commit")
                        .with("module", "nova")
                        .with("user_name", "John Doe", "Bill Smith"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode user = api.getJson("/api/1.0/users/john_doe").get("user");
            assertEquals(json("'john_doe'"), user.get("user_id"));
        }
    }

    // ports test_users.TestAPIUsers.test_user_not_found
    @Test
    void user_withoutAProfile_is404() throws Exception {
        TestStore store = ScenarioServer.storage()
                .userAt(
                        "john_doe",
                        dict(
                                "seq",
                                1L,
                                "user_id",
                                "john_doe",
                                "user_name",
                                "John Doe",
                                "companies",
                                List.of(dict("company_name", "NEC", "end_date", 0L)),
                                "emails",
                                "john_doe@gmail.com"))
                .repos(List.of(dict(
                        "module",
                        "nova",
                        "organization",
                        "openstack",
                        "uri",
                        "https://git.openstack.org/openstack/nova.git")))
                .moduleGroups(dict("openstack", dict("module_group_name", "openstack", "modules", List.of("nova"))))
                .loadGenerated(makeRecords()
                        .with("record_type", "commit")
                        .with("module", "nova")
                        .with("user_name", "John Doe", "Bill Smith"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            assertEquals(404, api.get("/api/1.0/users/nonexistent").statusCode());
        }
    }
}
