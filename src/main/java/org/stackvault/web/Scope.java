package org.stackvault.web;

import java.util.Map;

/**
 * The overview pages: one per menu entry of the original, each the same overview with some
 * filters fixed ({@code /cncf} and {@code /unaffiliated} inject them as the original's
 * {@code makeURI} does). Immutable.
 */
enum Scope {
    OPENSTACK("/", "OpenStack", Map.of()),
    CNCF("/cncf", "CNCF", Map.of("project_type", "cncf-group", "release", "all", "metric", "commits")),
    UNAFFILIATED("/unaffiliated", "Other Projects", Map.of("release", "all", "metric", "commits"));

    private final String path;
    private final String menuLabel;
    /** Parameters this page sets whatever the URL says. */
    private final Map<String, String> fixed;

    Scope(String path, String menuLabel, Map<String, String> fixed) {
        this.path = path;
        this.menuLabel = menuLabel;
        this.fixed = fixed;
    }

    String path() {
        return path;
    }

    String menuLabel() {
        return menuLabel;
    }

    Map<String, String> fixed() {
        return fixed;
    }

    /** The project type when the URL names none: {@code unaffiliated} on that page, else the configured default. */
    String defaultProjectType() {
        return this == UNAFFILIATED ? "unaffiliated" : null;
    }

    /** Whether the filter bar offers this parameter (the fixed ones are hidden). */
    boolean offers(String param) {
        return !fixed.containsKey(param);
    }

    /** The page of a servlet path ({@code ""} and {@code "/"} are the root), or null. */
    static Scope of(String servletPath) {
        return switch (servletPath) {
            case "", "/" -> OPENSTACK;
            case "/cncf" -> CNCF;
            case "/unaffiliated" -> UNAFFILIATED;
            default -> null;
        };
    }
}
