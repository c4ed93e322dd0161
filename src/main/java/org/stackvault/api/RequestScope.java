package org.stackvault.api;

import jakarta.servlet.http.HttpServletRequest;

import org.stackvault.query.RequestParams;
import org.stackvault.vault.Vault;

/** What a resource reads from its request: the vault {@link ApiFilter} chose, and the parameters. */
final class RequestScope {
    private RequestScope() {
    }

    static Vault vault(HttpServletRequest request) {
        Vault vault = (Vault) request.getAttribute(ApiFilter.VAULT_ATTRIBUTE);
        if (vault == null) {
            throw new IllegalStateException("ApiFilter did not run for " + request.getRequestURI());
        }
        return vault;
    }

    static RequestParams params(HttpServletRequest request) {
        return request::getParameter;
    }
}
