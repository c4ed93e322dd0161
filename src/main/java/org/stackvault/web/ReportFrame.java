package org.stackvault.web;

/**
 * What every report page shares beside its figures: the page title (after
 * "Stackvault | "), where the application is deployed, the address of the
 * same view as JSON, the vault generation its figures come from and
 * when the processor last updated that data (null: unknown). Immutable.
 */
record ReportFrame(String title, String contextPath, String jsonHref, long generation, String updated) {}
