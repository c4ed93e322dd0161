/**
 * Tables for download, independent of where they come from and of the web: {@link
 * org.stackvault.export.Tables} reads typed records (by their components, once per type) into
 * a {@link org.stackvault.export.Table} of scalar cells; {@link org.stackvault.export.Csv}
 * writes it as RFC 4180 CSV for spreadsheets and {@link org.stackvault.export.JsonRows} as a
 * JSON array of objects. Imports no web API (PackageRulesTest): the dashboard's
 * {@code /export/...} and the reports use it alike.
 */
package org.stackvault.export;
