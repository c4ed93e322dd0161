package org.stackvault.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import java.time.InstantSource;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.stackvault.query.Queries;
import org.stackvault.vault.VaultHolder;

/** The Jersey application: the endpoints of the table, the health check, the one JSON mapper, the error mapper. */
public final class ApiApplication extends ResourceConfig {
    public ApiApplication(Queries queries, VaultHolder holder, InstantSource clock) {
        // one instance each: per-request resources cost an injection round per request
        registerResources(handledBy(new HealthResource(holder, clock)));
        registerResources(EndpointResources.of(queries).toArray(Resource[]::new));
        register(ErrorMapper.class);
        register(new JacksonJsonProvider(mapper()));
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    /**
     * The resource model of {@code instance}'s class with every method handled by that one
     * instance. ({@code register(instance)} would do the same but also takes the instance for
     * a provider and logs that it "does not implement any provider interfaces".)
     */
    static Resource handledBy(Object instance) {
        return handledBy(instance, Resource.from(instance.getClass()));
    }

    private static Resource handledBy(Object instance, Resource model) {
        Resource.Builder builder = Resource.builder(model);
        for (ResourceMethod method : model.getResourceMethods()) {
            builder.updateMethod(method)
                    .handledBy(instance, method.getInvocable().getDefinitionMethod());
        }
        for (Resource child : model.getChildResources()) {
            builder.replaceChildResource(child, handledBy(instance, child));
        }
        return builder.build();
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
