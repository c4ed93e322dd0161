/**
 * The dashboard's HTML pages ({@code /}, {@code /cncf}, {@code /unaffiliated}): each view
 * reads one vault and builds every number through the query layer, as {@code /api/1.0}
 * does; templates (src/main/jte) are precompiled jte, which escapes every value for its
 * HTML context; pages carry a Content-Security-Policy of this origin only and no inline
 * script. Imports nothing of {@code org.stackvault.api}: the API's listener registers the
 * pages ({@link org.stackvault.web.Pages#register}).
 */
package org.stackvault.web;
