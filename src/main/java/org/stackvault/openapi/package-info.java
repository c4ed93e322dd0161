/**
 * The machine-readable API description: an OpenAPI 3.1 document made from the endpoint
 * table ({@link org.stackvault.query.Endpoint}) and JSON Schemas derived from the answer
 * records by Jackson's own introspection. Plain Java and Jackson, no web API; the web layer
 * serves the document ({@code api.OpenApiServlet}).
 */
package org.stackvault.openapi;
