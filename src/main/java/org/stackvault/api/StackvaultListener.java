package org.stackvault.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;
import org.stackvault.Stackvault;
import org.stackvault.config.StackvaultConfig;
import org.stackvault.web.Pages;

/**
 * Starts Stackvault when the web application is deployed and stops it on undeploy:
 * reads the configuration, builds the application, and registers the API filter and
 * the Jersey servlet under {@code /api/1.0/*}, the API description and its browser, the
 * dashboard's pages ({@link Pages}), and the metrics at {@code /-/metrics}.
 *
 * <p>Configuration file: the context init parameter or system property
 * {@code stackvault.config} (a path), else {@code WEB-INF/classes/stackvault.properties}.
 */
public final class StackvaultListener implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(StackvaultListener.class.getName());
    static final String APP_ATTRIBUTE = "org.stackvault.app";
    public static final String API_PATH = ApiFilter.API_PREFIX + "/*";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            Map<String, String> contextParams = new HashMap<>();
            for (String name : Collections.list(context.getInitParameterNames())) {
                contextParams.put(name, context.getInitParameter(name));
            }
            StackvaultConfig config =
                    StackvaultConfig.load(configFile(context), System.getenv(), contextParams, System.getProperties());
            String name = context.getContextPath().isEmpty()
                    ? "ROOT"
                    : context.getContextPath().substring(1);
            Stackvault app = Stackvault.start(config, ehcacheXml(context, config), name);
            context.setAttribute(APP_ATTRIBUTE, app);

            FilterRegistration.Dynamic filter = context.addFilter(
                    "stackvault-api",
                    new ApiFilter(
                            app.holder(),
                            app.cache(),
                            app.queries(),
                            app.scheduler()::nextRefreshMillis,
                            app.clock(),
                            config.maxQueryLength(),
                            app.metrics().requests()));
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, API_PATH);
            ServletRegistration.Dynamic servlet = context.addServlet(
                    "stackvault-jersey",
                    new ServletContainer(new ApiApplication(app.queries(), app.holder(), app.clock())));
            servlet.addMapping(API_PATH);
            servlet.setLoadOnStartup(1);
            context.addServlet("stackvault-errors", new ErrorServlet()).addMapping(ErrorServlet.MAPPING);
            // the API description and its browser, outside the API filter's /api/1.0/*
            OpenApiServlet.register(context, app.queries().defaults(), config.maxQueryLength());
            ApiDocsServlet.register(context);
            // the dashboard: its pages, reports, goals, downloads and static files (one wiring point)
            Pages.register(
                    context,
                    app.holder(),
                    app.queries(),
                    app.clock(),
                    config.maxQueryLength(),
                    ApiFilter::isValidUtf8Query,
                    config.ageWarnSeconds());
            context.addServlet("stackvault-metrics", new MetricsServlet(app.metrics(), config.metricsAllow()))
                    .addMapping(MetricsServlet.MAPPING);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Stackvault cannot start: " + e.getMessage(), e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Stackvault cannot start: " + e.getMessage(), e);
            throw e;
        }
    }

    private static Properties configFile(ServletContext context) throws IOException {
        Properties properties = new Properties();
        String path = context.getInitParameter("stackvault.config");
        if (path == null) {
            path = System.getProperty("stackvault.config");
        }
        if (path != null && !path.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                properties.load(in);
            }
            return properties;
        }
        try (InputStream in = StackvaultListener.class.getResourceAsStream("/stackvault.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static URL ehcacheXml(ServletContext context, StackvaultConfig config) throws IOException {
        if (config.ehcacheConfig() != null) {
            return Path.of(config.ehcacheConfig()).toUri().toURL();
        }
        return StackvaultListener.class.getResource("/ehcache.xml");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object app = event.getServletContext().getAttribute(APP_ATTRIBUTE);
        if (app instanceof Stackvault stackvault) {
            stackvault.close();
        }
    }
}
