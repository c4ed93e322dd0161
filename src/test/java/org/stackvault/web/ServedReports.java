package org.stackvault.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.stackvault.testing.TestServer;

/** The report tests' server: {@link ReportData} served by a real embedded Jetty for the test class. */
abstract class ServedReports {
    static final ReportData DATA = new ReportData();
    static TestServer server;
    private static ReportData.Served served;

    @BeforeAll
    static void start() throws Exception {
        served = DATA.serve();
        server = served.server;
    }

    @AfterAll
    static void stop() throws Exception {
        served.close();
    }

    static Document page(String pathAndQuery) throws Exception {
        return served.page(pathAndQuery);
    }

    static JsonNode json(String pathAndQuery) throws Exception {
        return served.json(pathAndQuery);
    }
}
