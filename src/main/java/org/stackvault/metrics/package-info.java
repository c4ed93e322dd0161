/**
 * The meters of {@code /-/metrics}: one Micrometer registry per deployed application
 * ({@link org.stackvault.metrics.StackvaultMetrics}, built at the wiring point and closed
 * with it), the vault's and the response cache's values read from the holder and the cache
 * when scraped, refreshes counted as the holder reports them, requests timed per endpoint
 * of the table; and who may read them ({@link org.stackvault.metrics.AddressAllowList}).
 * The core packages ({@code vault}, {@code query}, {@code source}) know nothing of it.
 */
package org.stackvault.metrics;
