package org.stackvault.query;

/** The common filter parameters ({@code FILTER_PARAMETERS} of the original). */
public enum Param {
    RELEASE("release", true, "release name(s) or `all`; absent: the first release that has not ended"),
    PROJECT_TYPE("project_type", true, "project type id(s), child types included"),
    MODULE("module", true, "module-group id(s): the id as stored, else any letter case"),
    COMPANY("company", true, "company name(s), any letter case, with or without `&`"),
    USER_ID("user_id", true, "user id(s), exact, else any letter case"),
    METRIC("metric", true, "metric(s) or `all`: the record types counted; several intersect"),
    START_DATE("start_date", false, "first day: `YYYYMMDD`, `YYYY-MM-DD` or unix seconds; absent: the first record"),
    END_DATE("end_date", false, "last day: `YYYYMMDD`, `YYYY-MM-DD` or unix seconds; absent: now"),
    BLUEPRINT_ID("blueprint_id", true, "`module:name`: commits and emails that mention the blueprint"),
    CORE_IN("core_in", false, "branch, e.g. `master`: only core reviewers on that branch"),
    LANGUAGE("language", true, "language name(s), any letter case");

    private final String id;
    private final boolean list;
    private final String description;

    Param(String id, boolean list, String description) {
        this.id = id;
        this.list = list;
        this.description = description;
    }

    /** The query-string name. */
    public String id() {
        return id;
    }

    /** The value is a comma-separated list of values, any of which selects (a union). */
    public boolean list() {
        return list;
    }

    /** What the values are and select, in a few words (the API description). */
    public String description() {
        return description;
    }
}
