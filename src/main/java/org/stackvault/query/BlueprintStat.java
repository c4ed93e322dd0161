package org.stackvault.query;

/**
 * An item of {@code /stats/bp}: a blueprint ({@code id} and {@code name} are its name), its
 * lifecycle status, how often it was mentioned ({@code metric}) and when last ({@code date},
 * a day, or "never"). {@code module} is not in the JSON: the dashboard builds its own link from it.
 */
public record BlueprintStat(
        int index,
        String id,
        String name,
        String date,
        String status,
        long metric,
        String link,
        @com.fasterxml.jackson.annotation.JsonIgnore String module) {}
