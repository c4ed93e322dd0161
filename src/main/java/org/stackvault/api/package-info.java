/**
 * HTTP: the servlet filter around every request (one vault per request, response
 * cache, JSONP, headers, input checks), thin Jersey resources, JSON errors, the API
 * description ({@code /api/openapi.json}) and its browser ({@code /api/docs}), and the
 * listener that starts and stops Stackvault with the web application.
 */
package org.stackvault.api;
