package org.stackvault.web;

/** Where a report page's tables download: the same view with {@code format} and {@code table}. */
interface DownloadLinks {
    /** The address of table {@code table} as {@code csv} or {@code json} rows, or null when the view has no address. */
    String downloadHref(String table, String format);
}
