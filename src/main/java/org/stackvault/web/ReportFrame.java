package org.stackvault.web;

/**
 * What every report page shares beside its figures: the page title (after
 * "Stackvault | "), where the application is deployed, the address of the
 * same view as JSON, and the vault generation its figures come from. Immutable.
 */
record ReportFrame(String title, String contextPath, String jsonHref, long generation) {}
