package org.stackvault.testing;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ReHandlingErrorHandler;
import org.stackvault.Stackvault;
import org.stackvault.api.NonApiFilter;
import org.stackvault.api.StackvaultListener;

/**
 * Stackvault in a real embedded Jetty on a free port, configured through context init
 * parameters ({@code stackvault.<key>}), as a deployment would be.
 */
public final class TestServer implements AutoCloseable {
    private final Server server;
    private final ServletContextHandler context;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Server server, ServletContextHandler context) {
        this.server = server;
        this.context = context;
    }

    /** Starts a server; {@code config} holds configuration keys and values (without the prefix). */
    public static TestServer start(Map<String, String> config) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // as conf/jetty-errors.xml
        // as scripts/run: escaped /, % and ; in a path segment reach the reports' names
        http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.from(
                "DEFAULT,AMBIGUOUS_PATH_SEPARATOR,AMBIGUOUS_PATH_ENCODING,AMBIGUOUS_PATH_PARAMETER"));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        config.forEach((k, v) -> context.setInitParameter("stackvault." + k, v));
        context.addEventListener(new StackvaultListener());
        // what web.xml's filter does in a deployment
        context.addFilter(NonApiFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        // what web.xml's <error-page> does in a deployment
        org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler errors =
                new org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler();
        errors.addErrorPage(org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/error");
        context.setErrorHandler(errors);
        // as WEB-INF/jetty-ee11-web.xml
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        server.setHandler(context);
        // what conf/jetty-errors.xml does for scripts/run: errors Jetty finds before the context (a
        // bad request line, an ambiguous or badly encoded path) go to the application's error servlet
        ReHandlingErrorHandler.ByHttpStatus early = new ReHandlingErrorHandler.ByHttpStatus(server);
        for (int status : new int[] {400, 404, 405, 413, 414, 431, 500, 501, 505}) {
            early.put(status, "/error/" + status);
        }
        server.setErrorHandler(early);
        server.start();
        return new TestServer(server, context);
    }

    /** Starts a server and waits until its first vault is published. */
    public static TestServer startReady(Map<String, String> config) throws Exception {
        TestServer s = start(config);
        s.awaitGeneration(1, Duration.ofSeconds(60));
        return s;
    }

    public Stackvault app() {
        return (Stackvault) context.getServletContext().getAttribute("org.stackvault.app");
    }

    public void awaitGeneration(long generation, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (app().holder().current().generation() < generation) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no vault of generation " + generation + " within " + timeout
                        + "; last refresh: " + app().holder().lastResult());
            }
            Thread.sleep(20);
        }
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headerNamesAndValues)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (headerNamesAndValues.length > 0) {
            request.headers(headerNamesAndValues);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
