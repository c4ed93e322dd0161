package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import org.stackvault.query.Defaults;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.source.DumpStorage;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/** The Jersey application on its own: how its resources are registered. */
class ApiApplicationTest {
    private static void collect(Resource resource, List<ResourceMethod> into) {
        into.addAll(resource.getResourceMethods());
        resource.getChildResources().forEach(child -> collect(child, into));
    }

    @Test
    void resources_areOneInstanceEach_registeredWithoutProviderWarnings() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger jersey = Logger.getLogger("org.glassfish.jersey");
        jersey.addHandler(capture);
        try {
            InstantSource epoch = InstantSource.fixed(Instant.EPOCH);
            VaultHolder holder = new VaultHolder(
                    new VaultBuilder(
                            DumpStorage.empty("nothing"),
                            ConsumerId.of("1"),
                            ForkJoinPool.commonPool(),
                            1,
                            new BuildProgress(),
                            new SkippedValues(),
                            epoch),
                    List.of(),
                    epoch);
            ApplicationHandler app = new ApplicationHandler(new ApiApplication(
                    new Queries(Defaults.ORIGINAL, InstantSource.system()), holder, InstantSource.system()));
            List<ResourceMethod> methods = new ArrayList<>();
            app.getInjectionManager()
                    .getInstance(ExtendedResourceContext.class)
                    .getResourceModel()
                    .getRootResources()
                    .forEach(r -> collect(r, methods));
            List<ResourceMethod> ours = methods.stream()
                    .filter(m -> m.getInvocable().getHandler().getHandlerClass().getPackage()
                            == ApiApplication.class.getPackage())
                    .toList();
            assertEquals(24, ours.size(), "8 stats, 15 lists, health");
            Set<String> routed = new TreeSet<>();
            app.getInjectionManager()
                    .getInstance(ExtendedResourceContext.class)
                    .getResourceModel()
                    .getRootResources()
                    .forEach(r -> routed.add(r.getPath().replaceAll("^/", "")));
            Set<String> declared = new TreeSet<>(Set.of("health"));
            Endpoint.ALL.forEach(e -> declared.add(e.path()));
            assertEquals(declared, routed, "Jersey routes exactly the endpoint table and the health check");
            for (ResourceMethod m : ours) {
                assertFalse(
                        m.getInvocable().getHandler().isClassBased(),
                        m.getInvocable().getDefinitionMethod() + " makes an instance per request");
            }
            ContainerRequest health = new ContainerRequest(
                    URI.create("http://localhost/"),
                    URI.create("http://localhost/health"),
                    "GET",
                    null,
                    new MapPropertiesDelegate(),
                    app.getConfiguration());
            assertEquals(503, app.apply(health).get().getStatus());
        } finally {
            jersey.removeHandler(capture);
        }
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
    }
}
