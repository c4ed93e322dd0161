/**
 * Real parts for tests: a memcached process on a free port ({@link org.stackvault.testing.MemcachedProcess}),
 * Stackvault in embedded Jetty ({@link org.stackvault.testing.TestServer}), record builders
 * ({@link org.stackvault.testing.TestRecords}), runtime-storage writers that store and update
 * records as the processor does ({@link org.stackvault.testing.TestStore},
 * {@link org.stackvault.testing.ProcessorWriter}), JSON comparison against the original's answers,
 * and the project's shared data ({@code ../shared}).
 */
package org.stackvault.testing;
