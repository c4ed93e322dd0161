package org.stackvault.api;

import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import org.stackvault.query.Queries;
import org.stackvault.vault.VaultHolder;

/** The Jersey application: resources, the one JSON mapper, the error mapper. */
public final class ApiApplication extends ResourceConfig {
    public ApiApplication(Queries queries, VaultHolder holder, LongSupplier clockMillis) {
        // one instance each: per-request resources cost an injection round per request
        register(new StatsResource(queries));
        register(new ListsResource(queries));
        register(new HealthResource(holder, clockMillis));
        register(ErrorMapper.class);
        register(new JacksonJsonProvider(mapper()));
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
