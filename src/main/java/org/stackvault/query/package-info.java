/**
 * The API's semantics: the endpoint table ({@link org.stackvault.query.Endpoint}, each
 * endpoint declared once), a request parsed once into an
 * {@link org.stackvault.query.ApiRequest} (filters validated as the original dashboard
 * does), row selection, metrics and aggregates, and a typed answer per endpoint
 * ({@link org.stackvault.query.Answers}). Imports nothing from Jersey or the Servlet API
 * (PackageRulesTest).
 */
package org.stackvault.query;
