/**
 * Ports of the original Stackalytics' API tests ({@code stackalytics/tests/api/test_*.py}):
 * each scenario's runtime storage written to a dump and served by Stackvault in embedded
 * Jetty with the original's defaults ({@link org.stackvault.api.original.ScenarioServer}),
 * then the original's requests and expected answers.
 */
package org.stackvault.api.original;
