package org.stackvault.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.stackvault.openapi.ApiConventions;
import org.stackvault.openapi.OpenApiDocument;
import org.stackvault.query.Defaults;
import org.stackvault.query.Endpoint;
import org.stackvault.web.StaticContent;

/**
 * {@code GET /api/openapi.json}: the OpenAPI description of the API, made from the endpoint
 * table once, when the application starts, and served as those bytes, with the API's
 * headers ({@code nosniff}, JSON, CORS). Thread-safe: immutable.
 */
public final class OpenApiServlet extends HttpServlet {
    public static final String PATH = "/api/openapi.json";

    private final StaticContent document;

    OpenApiServlet(StaticContent document) {
        this.document = document;
    }

    /** Makes the description of this deployment (its context path, default filters and limits) and serves it. */
    static void register(ServletContext context, Defaults defaults, int maxQueryLength) {
        ApiConventions conventions = new ApiConventions(
                context.getContextPath() + ApiFilter.API_PREFIX,
                defaults,
                ApiError.Body.class,
                ApiFilter.CALLBACK_SYNTAX,
                ApiFilter.MAX_CALLBACK_LENGTH,
                maxQueryLength,
                ApiFilter.RETRY_AFTER_SECONDS);
        byte[] json;
        try {
            json = ApiApplication.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(OpenApiDocument.of(Endpoint.ALL, conventions, ApiApplication.mapper()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.addServlet("stackvault-openapi", new OpenApiServlet(new StaticContent(ApiFilter.JSON, json)))
                .addMapping(PATH);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        document.send(response, "no-cache");
    }
}
