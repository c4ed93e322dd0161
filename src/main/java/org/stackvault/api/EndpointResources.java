package org.stackvault.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import org.glassfish.jersey.process.Inflector;
import org.glassfish.jersey.server.model.Resource;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.RequestParams;
import org.stackvault.vault.Vault;

/**
 * The Jersey resources of the API, made from the endpoint table ({@link Endpoint#ALL}): one
 * GET per endpoint, at its path, answering its query's typed answer as JSON. No endpoint is
 * declared here.
 *
 * <p>A request normally arrives parsed ({@link ApiFilter} did it to find its cache key); a
 * request Jersey routes to another endpoint or id than the filter read (a path the
 * container normalised, an encoded literal) is parsed here, and the filter caches only an
 * answer to the very value it parsed ({@link #ANSWERED}).
 */
final class EndpointResources {
    /** Request attribute: the {@link ApiRequest} the filter parsed, if any. */
    static final String PARSED = "org.stackvault.request";
    /** Request attribute: the {@link ApiRequest} the answer was computed from. */
    static final String ANSWERED = "org.stackvault.answered";
    /** Request attribute: the {@link RequestParams} of the request (the servlet's decoding). */
    static final String PARAMS = "org.stackvault.params";

    private static final String ID = "id";

    private EndpointResources() {}

    static List<Resource> of(Queries queries) {
        return Endpoint.ALL.stream()
                .map(endpoint -> resource(endpoint, queries))
                .toList();
    }

    private static Resource resource(Endpoint<?> endpoint, Queries queries) {
        Resource.Builder builder = Resource.builder(endpoint.path());
        builder.addMethod("GET").produces(MediaType.APPLICATION_JSON_TYPE).handledBy(new Answering(endpoint, queries));
        return builder.build();
    }

    /** Answers one endpoint; one instance per endpoint, shared by all requests. */
    private static final class Answering implements Inflector<ContainerRequestContext, Object> {
        private final Endpoint<?> endpoint;
        private final Queries queries;

        Answering(Endpoint<?> endpoint, Queries queries) {
            this.endpoint = endpoint;
            this.queries = queries;
        }

        @Override
        public Object apply(ContainerRequestContext context) {
            String id =
                    endpoint.hasId() ? context.getUriInfo().getPathParameters().getFirst(ID) : null;
            ApiRequest request = context.getProperty(PARSED) instanceof ApiRequest parsed
                            && parsed.endpoint() == endpoint
                            && Objects.equals(parsed.id(), id)
                    ? parsed
                    : queries.parse(endpoint, id, params(context), vault(context));
            context.setProperty(ANSWERED, request);
            return queries.answer(request);
        }

        private static Vault vault(ContainerRequestContext context) {
            return set(context, ApiFilter.VAULT_ATTRIBUTE, Vault.class);
        }

        private static RequestParams params(ContainerRequestContext context) {
            return set(context, PARAMS, RequestParams.class);
        }

        /** What {@link ApiFilter} put on every request it let through. */
        private static <T> T set(ContainerRequestContext context, String attribute, Class<T> type) {
            Object value = context.getProperty(attribute);
            if (!type.isInstance(value)) {
                throw new IllegalStateException(
                        "ApiFilter did not run for " + context.getUriInfo().getPath());
            }
            return type.cast(value);
        }
    }
}
