/**
 * The figures of the dashboard's reports that no API endpoint computes: the punch card, the
 * open-reviews split, large commits, changes merged with a single +2, one record or blueprint
 * by its key, and the commit-message tokens the activity log links. Each reads one vault;
 * plain Java, no Servlet or JAX-RS (PackageRulesTest), so the figures can be tested and
 * exported without a web layer.
 */
package org.stackvault.report;
