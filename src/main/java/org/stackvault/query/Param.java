package org.stackvault.query;

/** The common filter parameters ({@code FILTER_PARAMETERS} of the original). */
public enum Param {
    RELEASE("release"),
    PROJECT_TYPE("project_type"),
    MODULE("module"),
    COMPANY("company"),
    USER_ID("user_id"),
    METRIC("metric"),
    START_DATE("start_date"),
    END_DATE("end_date"),
    BLUEPRINT_ID("blueprint_id"),
    CORE_IN("core_in"),
    LANGUAGE("language");

    private final String id;

    Param(String id) {
        this.id = id;
    }

    /** The query-string name. */
    public String id() {
        return id;
    }
}
