package org.stackvault.api;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * {@code /api/1.0/health}: {@code starting} (no data yet, 503), {@code ready}, or
 * {@code degraded} (serving an older snapshot because the last refresh failed or was
 * refused), with the snapshot's generation and age and the last refresh.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final VaultHolder holder;
    private final InstantSource clock;

    public HealthResource(VaultHolder holder, InstantSource clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @GET
    public Response health() {
        Vault vault = holder.current();
        RefreshResult last = holder.lastResult();
        String status = vault.generation() == 0 ? "starting"
                : last.outcome() == RefreshResult.Outcome.FAILED || last.outcome() == RefreshResult.Outcome.REFUSED
                        ? "degraded" : "ready";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("generation", vault.generation());
        body.put("records", vault.recordCount());
        body.put("age_seconds", vault.generation() == 0 ? null : (clock.millis() - vault.builtAtMillis()) / 1000);
        body.put("source", holder.sourceDescription());
        Map<String, Object> refresh = new LinkedHashMap<>();
        refresh.put("outcome", last.outcome().name());
        refresh.put("message", last.message());
        refresh.put("finished", last.finishedMillis() == 0 ? null : Instant.ofEpochMilli(last.finishedMillis()).toString());
        refresh.put("duration_ms", last.durationMillis());
        refresh.put("consecutive_failures", holder.consecutiveFailures());
        body.put("last_refresh", refresh);
        body.put("last_error", holder.lastError());
        return Response.status(vault.generation() == 0 ? 503 : 200).entity(body).build();
    }
}
