/**
 * HTTP: the servlet filter around every request (one vault per request, response
 * cache, JSONP, headers, input checks), thin Jersey resources, JSON errors, and the
 * listener that starts and stops Stackvault with the web application.
 */
package org.stackvault.api;
