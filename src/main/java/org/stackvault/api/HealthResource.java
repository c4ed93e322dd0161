package org.stackvault.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.InstantSource;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * {@code /api/1.0/health}: {@code starting} (no data yet, 503), {@code ready},
 * {@code degraded} (serving an older snapshot because the last refresh failed or was
 * refused), or {@code draining} (503: about to stop, a balancer should send nothing new;
 * requests are still answered), with the snapshot's generation and age, the last refresh
 * and this instance's consumer id.
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

    /** The answer: the state, the snapshot served, the last refresh. */
    record Health(
            String status,
            long generation,
            int records,
            @JsonProperty("age_seconds") Long ageSeconds,
            String source,
            @JsonProperty("consumer_id") String consumerId,
            @JsonProperty("last_refresh") LastRefresh lastRefresh,
            @JsonProperty("last_error") String lastError) {}

    record LastRefresh(
            String outcome,
            String message,
            String finished,
            @JsonProperty("duration_ms") long durationMillis,
            @JsonProperty("consecutive_failures") int consecutiveFailures) {}

    @GET
    public Response health() {
        Vault vault = holder.current();
        RefreshResult last = holder.lastResult();
        boolean draining = holder.drain().draining();
        String status = draining
                ? "draining"
                : vault.generation() == 0
                        ? "starting"
                        : last.outcome() == RefreshResult.Outcome.FAILED
                                        || last.outcome() == RefreshResult.Outcome.REFUSED
                                ? "degraded"
                                : "ready";
        LastRefresh refresh = new LastRefresh(
                last.outcome().name(),
                last.message(),
                last.finishedMillis() == 0
                        ? null
                        : Instant.ofEpochMilli(last.finishedMillis()).toString(),
                last.durationMillis(),
                holder.consecutiveFailures());
        Health body = new Health(
                status,
                vault.generation(),
                vault.recordCount(),
                vault.generation() == 0 ? null : (clock.millis() - vault.builtAtMillis()) / 1000,
                holder.sourceDescription(),
                holder.consumerId().value(),
                refresh,
                holder.lastError());
        return Response.status(draining || vault.generation() == 0 ? 503 : 200)
                .entity(body)
                .build();
    }
}
