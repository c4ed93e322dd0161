package org.stackvault.web;

/**
 * What every report page shares beside its figures: the page title (after
 * "Stackvault | "), where the application is deployed, the address of the
 * same view as JSON, the vault generation its figures come from and
 * when the processor last updated that data (null: unknown). Immutable.
 */
record ReportFrame(
        String title,
        String contextPath,
        String jsonHref,
        long generation,
        String updated,
        String downloadPath,
        java.util.Map<String, String> downloadQuery)
        implements DownloadLinks {

    /**
     * The address of the view's table {@code table} ({@link ReportTables}) as {@code csv} or
     * {@code json} rows: the same view and filters with {@code format} and {@code table}; null
     * when the view is in no address (a posted script).
     */
    @Override
    public String downloadHref(String table, String format) {
        if (downloadPath == null) {
            return null;
        }
        java.util.Map<String, String> query = new java.util.LinkedHashMap<>(downloadQuery);
        query.put("format", format);
        query.put("table", table);
        return PageQuery.href(downloadPath, query);
    }
}
