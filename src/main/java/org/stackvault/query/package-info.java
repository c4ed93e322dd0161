/**
 * The API's semantics as functions of (vault, request parameters): filters parsed and
 * validated as the original dashboard does, row selection, metrics and aggregates, and
 * the JSON shape of every endpoint ({@link org.stackvault.query.Queries}). Imports
 * nothing from Jersey or the Servlet API.
 */
package org.stackvault.query;
