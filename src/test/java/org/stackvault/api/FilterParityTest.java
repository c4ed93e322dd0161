package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.stackvault.testing.ApiClient.byId;
import static org.stackvault.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.ApiClient;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;

/**
 * The common filters and the endpoints' own parameters over HTTP, on fifteen records whose
 * answers are counted by hand below (each expectation says which records it comes from).
 * Reference data is {@link TestStore#referenceData()}: project type {@code openstack} is
 * nova (stein, train) and glance (train); {@code others} is keystone and unknown;
 * {@code all} is both.
 */
class FilterParityTest {
    private static final String ALL = "release=all&project_type=all";
    private static final long MAR_01 = 1551398400L; // stein
    private static final long APR_20 = 1555718400L;
    private static final long MAY_01 = 1556668800L;
    private static final long MAY_02 = 1556755200L;
    private static final long MAY_03 = 1556841600L;
    private static final long JUN_01 = 1559347200L;
    private static final long DAY = 86400L;

    private static ApiClient api;
    /** Midnight (UTC) of the day the data was written; the affiliation changes are dated from it. */
    private static long today;

    @BeforeAll
    static void start() throws Exception {
        today = Math.floorDiv(System.currentTimeMillis() / 1000, DAY) * DAY;
        TestStore store = new TestStore(DumpStorage.empty("filter parity"))
                .referenceData()
                .storeUser(user(
                        "john_doe",
                        "John Doe",
                        "IBM",
                        List.of(List.of("glance", "stable/train"), List.of("nova", "master"))))
                .storeUser(user("jane", "Jane Roe", "Intel", List.of(List.of("glance", "master"))))
                .storeUser(user("kim", "Kim Lee", "AT&T", List.of(List.of("keystone", "stable/stein"))))
                .storeUser(user("lee", "Lee Park", "Red Hat", List.of()));
        Map<String, Object> mover = user("mover", "Mo Ver", "Red Hat", List.of());
        // Red Hat until midnight a year ago, IBM until 01:00 today, then HP
        mover.put(
                "companies",
                List.of(
                        Map.of("company_name", "Red Hat", "end_date", today - 365 * DAY),
                        Map.of("company_name", "IBM", "end_date", today + 3600),
                        Map.of("company_name", "HP", "end_date", 0L)));
        store.storeUser(mover);
        store.load(
                /* 0 c1 */ TestRecords.commit()
                        .primaryKey("c1")
                        .user("john_doe", "John Doe")
                        .company("IBM")
                        .module("nova")
                        .date(MAY_02)
                        .set("message", "Add a DocImpact flag to the API\n"),
                /* 1 c2 */ TestRecords.commit()
                        .primaryKey("c2")
                        .user("jane", "Jane Roe")
                        .company("Intel")
                        .module("glance")
                        .date(MAY_01)
                        .set("author_email", "jane@intel.com")
                        .set("message", "Refactor the scheduler\n"),
                /* 2 c3 */ TestRecords.commit()
                        .primaryKey("c3")
                        .user("kim", "Kim Lee")
                        .company("AT&T")
                        .module("keystone")
                        .release("stein")
                        .date(MAR_01)
                        .set("author_email", "kim@att.com")
                        .set("message", "docimpact: update the install guide\n"),
                /* 3 m1 */ TestRecords.mark()
                        .primaryKey("m1")
                        .user("jane", "Jane Roe")
                        .company("Intel")
                        .date(MAY_03)
                        .set("author_email", "jane.roe@intel.example")
                        .set("value", 2L),
                /* 4 m2 */ TestRecords.mark()
                        .primaryKey("m2")
                        .user("kim", "Kim Lee")
                        .company("AT&T")
                        .module("glance")
                        .date(MAY_03)
                        .set("author_email", "kim@att.com")
                        .set("value", -1L),
                /* 5 m3 */ TestRecords.mark()
                        .primaryKey("m3")
                        .user("john_doe", "John Doe")
                        .company("IBM")
                        .date(MAY_02)
                        .set("author_email", "john.doe@ibm.example")
                        .set("type", "Workflow")
                        .set("value", 1L),
                /* 6 e1 */ TestRecords.email()
                        .primaryKey("e1")
                        .user("john_doe", "J. Doe")
                        .company("IBM")
                        .date(APR_20)
                        .set("author_email", "jdoe@old.example"),
                /* 7 t1 */ TestRecords.of("tr")
                        .primaryKey("t1")
                        .user("lee", "Lee Park")
                        .company("Red Hat")
                        .set("author_email", "lee@redhat.com")
                        .set("value", "German")
                        .set("loc", 100L),
                /* 8 t2 */ TestRecords.of("tr")
                        .primaryKey("t2")
                        .user("jane", "Jane Roe")
                        .company("Intel")
                        .set("author_email", "jane@intel.com")
                        .set("value", "French")
                        .set("loc", 40L),
                /* 9 t3 */ TestRecords.of("tr")
                        .primaryKey("t3")
                        .user("kim", "Kim Lee")
                        .company("AT&T")
                        .release("stein")
                        .date(MAR_01)
                        .set("author_email", "kim@att.com")
                        .set("value", "German")
                        .set("loc", 5L),
                /* 10 mem1 */ TestRecords.of("member")
                        .primaryKey("mem1")
                        .user("member:1", "Member One")
                        .company("IBM")
                        .module("unknown")
                        .date(JUN_01)
                        .set("author_email", "")
                        .set("member_uri", "https://www.openstack.org/community/members/profile/1"),
                /* 11 mem2 */ TestRecords.of("member")
                        .primaryKey("mem2")
                        .user("member:2", "Member Two")
                        .company("AT&T")
                        .module("unknown")
                        .set("author_email", "")
                        .set("member_uri", "https://www.openstack.org/community/members/profile/2"),
                /* 12 bpd1 */ TestRecords.of("bpd")
                        .primaryKey("bpd1")
                        .user("john_doe", "John Doe")
                        .company("IBM")
                        .set("name", "fast-boot")
                        .set("lifecycle_status", "Not started")
                        .set("mention_count", 3L)
                        .set("mention_date", MAY_01),
                /* 13 bpc1 */ TestRecords.of("bpc")
                        .primaryKey("bpc1")
                        .user("jane", "Jane Roe")
                        .company("Intel")
                        .module("glance")
                        .set("author_email", "jane@intel.com")
                        .set("name", "slow-boot")
                        .set("lifecycle_status", "Complete")
                        .set("mention_count", 0L),
                /* 14 p1 */ TestRecords.patch()
                        .primaryKey("p1")
                        .user("john_doe", "John Doe")
                        .company("IBM")
                        .module("glance")
                        .set("author_email", "patch@ibm.example"));
        api = ApiClient.serve(store, Map.of("refresh-interval", "3600"));
    }

    private static Map<String, Object> user(String id, String name, String company, List<List<String>> core) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", id);
        user.put("user_name", name);
        user.put("emails", List.of(id + "@example.com"));
        user.put("companies", List.of(Map.of("company_name", company, "end_date", 0L)));
        user.put("core", core);
        return user;
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static JsonNode ok(String path) throws Exception {
        return api.ok(path);
    }

    /** {@code {id: metric}} of a stats answer. */
    private static JsonNode metrics(String path) throws Exception {
        return byId(ok(path).get("stats"), "metric");
    }

    private static List<String> values(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.get(field).asText()));
        return out;
    }

    // --- language ---

    @Test
    void language_selectsTranslationsInThatLanguage_anyLetterCase() throws Exception {
        // t1 German 100 (Red Hat), t3 German 5 (AT&T); t2 is French
        assertEquals(
                json("{'Red Hat': 100, 'AT&T': 5}"),
                metrics("/api/1.0/stats/companies?" + ALL + "&metric=translations&language=german"));
        assertEquals(
                json("{'Red Hat': 100, 'AT&T': 5, 'Intel': 40}"),
                metrics("/api/1.0/stats/companies?" + ALL + "&metric=translations&language=GERMAN,french"));
    }

    @Test
    void languageEndpoints_ignoreTheLanguageFilter() throws Exception {
        assertEquals(
                json("{'German': 105, 'French': 40}"), metrics("/api/1.0/stats/languages?" + ALL + "&language=french"));
        assertEquals(
                List.of("french", "german"),
                values(ok("/api/1.0/languages?" + ALL + "&language=french").get("data"), "id"));
    }

    // --- core_in ---

    @Test
    void coreIn_listsOnlyCoreReviewersOnThatBranch_withTheirModulesAndCompany() throws Exception {
        // john_doe: glance stable/train, nova master; jane: glance master; kim: keystone stable/stein
        assertEquals(
                json("""
                [{"id": "jane", "text": "Jane Roe", "core": ["glance"], "company_name": "Intel"},
                 {"id": "john_doe", "text": "John Doe", "core": ["nova"], "company_name": "IBM"}]"""),
                ok("/api/1.0/users?" + ALL + "&metric=all&core_in=master").get("data"));
        assertEquals(
                json("""
                [{"id": "john_doe", "text": "John Doe", "core": ["glance"], "company_name": "IBM"}]"""),
                ok("/api/1.0/users?" + ALL + "&metric=all&core_in=stable/train").get("data"));
    }

    @Test
    void coreIn_usesOnlyItsFirstValue_asTheOriginal() throws Exception {
        assertEquals(
                List.of("kim"),
                values(
                        ok("/api/1.0/users?" + ALL + "&metric=all&core_in=stable/stein,master")
                                .get("data"),
                        "id"));
    }

    @Test
    void coreIn_countsOnlyModulesOfTheProjectType() throws Exception {
        // keystone is not in 'openstack'
        assertEquals(
                0,
                ok("/api/1.0/users?release=all&project_type=openstack&metric=all&core_in=stable/stein")
                        .get("data")
                        .size());
    }

    @Test
    void users_withoutCoreIn_listEveryAuthor_byName_idWhereNoProfile() throws Exception {
        assertEquals(
                List.of("Jane Roe", "John Doe", "Kim Lee", "Lee Park", "member:1", "member:2"),
                values(ok("/api/1.0/users?" + ALL + "&metric=all").get("data"), "text"));
    }

    // --- comma-separated lists ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // commits: c1 IBM nova train, c2 Intel glance train, c3 AT&T keystone stein
                "module=nova,glance&release=all&project_type=all | {'IBM': 1, 'Intel': 1}",
                "module=core-group,keystone&release=all&project_type=all | {'IBM': 1, 'Intel': 1, 'AT&T': 1}",
                "company=ibm,intel&release=all&project_type=all | {'IBM': 1, 'Intel': 1}",
                "release=stein&project_type=all | {'AT&T': 1}",
                "release=train&project_type=all | {'IBM': 1, 'Intel': 1}",
                "release=stein,train&project_type=all | {'IBM': 1, 'Intel': 1, 'AT&T': 1}",
                "release=all&project_type=openstack | {'IBM': 1, 'Intel': 1}",
                "release=all&project_type=others | {'AT&T': 1}",
                "release=all&project_type=openstack,others | {'IBM': 1, 'Intel': 1, 'AT&T': 1}",
                "company=AT%26T&release=all&project_type=all | {'AT&T': 1}",
                "company=att&release=all&project_type=all | {'AT&T': 1}",
                "company=at%26t,Intel&release=all&project_type=all | {'Intel': 1, 'AT&T': 1}",
            })
    void commaListsAndCompanyNames_selectTheUnionOfTheirValues(String query, String expected) throws Exception {
        assertEquals(json(expected), metrics("/api/1.0/stats/companies?metric=commits&" + query));
    }

    @Test
    void statsModules_countPerModule() throws Exception {
        assertEquals(
                json("{'nova': 1, 'glance': 1, 'keystone': 1}"),
                metrics("/api/1.0/stats/modules?" + ALL + "&metric=commits"));
        // translations t1, t2, t3 are all nova
        assertEquals(json("{'nova': 145}"), metrics("/api/1.0/stats/modules?" + ALL + "&metric=translations"));
    }

    @Test
    void companyWithAmpersand_isFoundByEitherForm_andAnswersItsStoredName() throws Exception {
        assertEquals(
                json("{\"id\": \"att\", \"text\": \"AT&T\"}"),
                ok("/api/1.0/companies/att").get("company"));
        assertEquals(
                json("{\"id\": \"AT&T\", \"text\": \"AT&T\"}"),
                ok("/api/1.0/companies/AT%26T").get("company"));
        JsonNode list = ok("/api/1.0/companies?" + ALL + "&metric=all").get("data");
        assertEquals(List.of("att", "ibm", "intel", "red hat"), values(list, "id"));
        assertEquals(List.of("AT&T", "IBM", "Intel", "Red Hat"), values(list, "text"));
    }

    // --- query_message ---

    @Test
    void queryMessage_withoutMetric_searchesCommitMessages_anyCase_newestFirst() throws Exception {
        // c1 "Add a DocImpact flag" (2 May), c3 "docimpact: ..." (1 Mar; starts with the text)
        assertEquals(
                List.of("c1", "c3"),
                values(
                        ok("/api/1.0/activity?" + ALL + "&query_message=docimpact")
                                .get("activity"),
                        "primary_key"));
        assertEquals(
                List.of("c1", "c3"),
                values(
                        ok("/api/1.0/activity?" + ALL + "&query_message=DOCIMPACT&metric=commits")
                                .get("activity"),
                        "primary_key"));
        assertEquals(
                List.of("c2"),
                values(
                        ok("/api/1.0/activity?" + ALL + "&query_message=scheduler")
                                .get("activity"),
                        "primary_key"));
    }

    @Test
    void queryMessage_pagesOverTheMatches() throws Exception {
        assertEquals(
                List.of("c3"),
                values(
                        ok("/api/1.0/activity?" + ALL + "&query_message=docimpact&page_size=1&start_record=1")
                                .get("activity"),
                        "primary_key"));
    }

    @Test
    void queryMessage_withAMetricOfRecordsWithoutMessages_findsNothing() throws Exception {
        assertEquals(
                0,
                ok("/api/1.0/activity?" + ALL + "&query_message=docimpact&metric=marks")
                        .get("activity")
                        .size());
    }

    @Test
    void activity_withoutQueryMessage_keepsTheDefaultMetric() throws Exception {
        // marks m1, m2, m3 have no parent review in this data set, so none can be shown
        assertEquals(0, ok("/api/1.0/activity?" + ALL).get("activity").size());
        assertEquals(
                List.of("c1", "c2", "c3"),
                values(ok("/api/1.0/activity?" + ALL + "&metric=commits").get("activity"), "primary_key"));
    }

    // --- members, stats/bp, languages with and without a metric ---

    @Test
    void members_withoutMetric_areTheMemberRecords_newestFirst_ignoringReleaseProjectTypeModule() throws Exception {
        JsonNode members = ok("/api/1.0/members?release=stein&project_type=openstack&module=nova")
                .get("members");
        assertEquals(List.of("Member One", "Member Two"), values(members, "author_name"));
        assertEquals(List.of("01 Jun 2019", "01 May 2019"), values(members, "date_str"));
        assertEquals(List.of("1", "2"), values(members, "index"));
        assertEquals(
                values(members, "author_name"),
                values(ok("/api/1.0/members?metric=members").get("members"), "author_name"));
        assertEquals(
                List.of("Member Two"),
                values(ok("/api/1.0/members?company=at%26t").get("members"), "author_name"));
    }

    @ParameterizedTest(name = "{0} is a 404")
    @CsvSource({
        "/api/1.0/members?metric=commits",
        "/api/1.0/members?metric=all",
        "/api/1.0/members?metric=marks&company=ibm",
        "/api/1.0/languages?release=all&project_type=all&metric=commits",
        "/api/1.0/languages?release=all&project_type=all&metric=all"
    })
    void explicitMetricSelectingRecordsTheEndpointCannotShow_is404_asTheOriginal(String path) throws Exception {
        assertEquals("metric", api.error(path, 404).get("parameter").asText());
    }

    @Test
    void explicitMetricSelectingNothing_isAnEmptyList() throws Exception {
        // Red Hat has only the translation t1: no marks, no commits
        assertEquals(
                0,
                ok("/api/1.0/members?metric=marks&company=red%20hat")
                        .get("members")
                        .size());
        assertEquals(
                0,
                ok("/api/1.0/languages?" + ALL + "&metric=commits&company=red%20hat")
                        .get("data")
                        .size());
    }

    @Test
    void statsBp_withoutMetric_bothKinds_withAMetric_onlyThatKind() throws Exception {
        JsonNode both = ok("/api/1.0/stats/bp?" + ALL).get("stats");
        assertEquals(List.of("fast-boot", "slow-boot"), values(both, "id"));
        assertEquals(List.of("3", "0"), values(both, "metric"));
        assertEquals(List.of("01 May 2019", "never"), values(both, "date"));
        assertEquals(List.of("Not started", "Complete"), values(both, "status"));
        assertEquals(
                List.of("fast-boot"),
                values(ok("/api/1.0/stats/bp?" + ALL + "&metric=bpd").get("stats"), "id"));
        assertEquals(
                List.of("slow-boot"),
                values(ok("/api/1.0/stats/bp?" + ALL + "&metric=bpc").get("stats"), "id"));
        assertEquals(
                0,
                ok("/api/1.0/stats/bp?" + ALL + "&metric=commits").get("stats").size());
    }

    @Test
    void languages_withoutMetric_ofTranslations_withTranslationsMetric_filtered() throws Exception {
        assertEquals(
                List.of("French", "German"),
                values(ok("/api/1.0/languages?" + ALL).get("data"), "text"));
        assertEquals(
                List.of("French"),
                values(
                        ok("/api/1.0/languages?" + ALL + "&metric=translations&company=intel")
                                .get("data"),
                        "text"));
    }

    @Test
    void statsLanguages_withoutMetric_ofTranslations_withAnotherMetric_empty() throws Exception {
        JsonNode stats = ok("/api/1.0/stats/languages?" + ALL).get("stats");
        assertEquals(List.of("German", "French"), values(stats, "id"));
        assertEquals(List.of("1", "2"), values(stats, "index"));
        assertEquals(
                0,
                ok("/api/1.0/stats/languages?" + ALL + "&metric=commits")
                        .get("stats")
                        .size());
    }

    // --- distinct_engineers ---

    @Test
    void distinctEngineers_giveTheNameAndEmailOfEachEngineersLatestRecord() throws Exception {
        // john_doe: c1 and m3 on 2 May (m3 has the higher id), e1 on 20 April, p1 and bpd1 on 1 May
        // jane: m1 on 3 May; kim: m2 on 3 May; the others have one record each
        assertEquals(
                json("""
                {"john_doe": {"author_name": "John Doe", "author_email": "john.doe@ibm.example"},
                 "jane": {"author_name": "Jane Roe", "author_email": "jane.roe@intel.example"},
                 "kim": {"author_name": "Kim Lee", "author_email": "kim@att.com"},
                 "lee": {"author_name": "Lee Park", "author_email": "lee@redhat.com"},
                 "member:1": {"author_name": "Member One", "author_email": ""},
                 "member:2": {"author_name": "Member Two", "author_email": ""}}"""),
                ok("/api/1.0/stats/distinct_engineers?" + ALL + "&metric=all").get("stats"));
        assertEquals(
                json("""
                {"john_doe": {"author_name": "J. Doe", "author_email": "jdoe@old.example"}}"""),
                ok("/api/1.0/stats/distinct_engineers?" + ALL + "&metric=emails")
                        .get("stats"));
    }

    // --- engineers' core flag ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // c1 (john_doe, nova): master; c2 (jane, glance): master
                "metric=commits&module=nova | {'john_doe': 'master'}",
                "metric=commits&module=glance | {'jane': 'master'}",
                // p1 (john_doe, glance): core on glance only on stable/train
                "metric=patches&module=glance | {'john_doe': 'stable/train'}",
                // core-group is nova and glance: john_doe is core on both, master is preferred
                "metric=commits&module=core-group | {'john_doe': 'master', 'jane': 'master'}",
                // review marks m1 (jane, nova) and m2 (kim, glance) count; kim is core on keystone only
                "metric=marks&module=core-group | {'jane': 'master', 'kim': null}",
                "metric=commits | {'john_doe': null, 'jane': null, 'kim': null}",
            })
    void statsEngineers_carryTheCoreBranchAmongTheModuleFiltersModules(String query, String expected) throws Exception {
        assertEquals(
                json(expected),
                byId(ok("/api/1.0/stats/engineers?" + ALL + "&" + query).get("stats"), "core"));
    }

    // --- which endpoints validate and which ignore the common filters ---

    @ParameterizedTest(name = "{0} answers {1}")
    @CsvSource({
        "/api/1.0/releases?module=nosuch, 404",
        "/api/1.0/metrics?company=nosuch, 404",
        "/api/1.0/project_types?release=nosuch, 404",
        "/api/1.0/companies/ibm?module=nosuch, 404",
        "/api/1.0/modules/nova?company=nosuch, 404",
        "/api/1.0/releases?module=nova&company=ibm&release=stein, 200",
        "/api/1.0/users/john_doe?release=nosuch&module=nosuch, 200",
        "/api/1.0/affiliation_changes?release=nosuch&metric=nosuch, 200",
    })
    void lookupEndpoints_validateOrIgnoreTheCommonFilters(String path, int status) throws Exception {
        assertEquals(status, api.get(path).statusCode(), path);
    }

    @Test
    void companyAndReleaseFilters_doNotChangeTheLookupLists() throws Exception {
        assertEquals(
                ok("/api/1.0/releases").get("data"),
                ok("/api/1.0/releases?company=ibm&release=stein").get("data"));
        assertEquals(ok("/api/1.0/companies/ibm"), ok("/api/1.0/companies/ibm?release=stein&metric=commits"));
    }

    // --- affiliation_changes ---

    @Test
    void affiliationChanges_byDefault_fromMidnightAYearAgoToMidnightToday() throws Exception {
        long before = Math.floorDiv(System.currentTimeMillis() / 1000, DAY) * DAY;
        JsonNode changes = ok("/api/1.0/affiliation_changes").get("affiliation_changes");
        long after = Math.floorDiv(System.currentTimeMillis() / 1000, DAY) * DAY;
        assumeTrue(before == today && after == today, "the day changed while the test ran");
        // Red Hat -> IBM at midnight a year ago is in; IBM -> HP at 01:00 today is after the window
        assertEquals(
                json("[{\"user_id\": \"mover\", \"user_name\": \"Mo Ver\", \"old_company_name\": "
                        + "\"Red Hat\", \"new_company_name\": \"IBM\", \"date\": " + (today - 365 * DAY) + "}]"),
                changes);
        assertEquals(
                2,
                ok("/api/1.0/affiliation_changes?end_days=" + (today + 3600))
                        .get("affiliation_changes")
                        .size());
    }
}
