package org.stackvault.vault;

/**
 * The string dictionaries of a vault's columns. Immutable; thread-safe.
 *
 * <p>Releases, mark types and statuses are byte-coded (at most 255 distinct values each;
 * beyond that a value reads as null). Author names and emails share one dictionary of
 * texts; string {@code value}s (a translation's language) have their own.
 */
public record Dictionaries(
        StringDictionary companies,
        StringDictionary modules,
        StringDictionary users,
        StringDictionary releases,
        StringDictionary texts,
        StringDictionary markTypes,
        StringDictionary statuses,
        StringDictionary blueprints,
        StringDictionary values) {

    static final Dictionaries EMPTY = new Dictionaries(
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY,
            StringDictionary.EMPTY);

    private static final int BYTE_CODES = 255;

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Not thread-safe. */
    static final class Builder {
        final StringDictionary.Builder companies;
        final StringDictionary.Builder modules;
        final StringDictionary.Builder users;
        final StringDictionary.Builder texts;
        final StringDictionary.Builder blueprints;
        final StringDictionary.Builder values;
        private final StringDictionary.Builder releases;
        private final StringDictionary.Builder markTypes;
        private final StringDictionary.Builder statuses;

        Builder(Dictionaries base) {
            companies = base.companies.toBuilder();
            modules = base.modules.toBuilder();
            users = base.users.toBuilder();
            releases = base.releases.toBuilder();
            texts = base.texts.toBuilder();
            markTypes = base.markTypes.toBuilder();
            statuses = base.statuses.toBuilder();
            blueprints = base.blueprints.toBuilder();
            values = base.values.toBuilder();
        }

        int internRelease(String s) {
            return byteCode(releases, s);
        }

        int internMarkType(String s) {
            return byteCode(markTypes, s);
        }

        int internStatus(String s) {
            return byteCode(statuses, s);
        }

        private static int byteCode(StringDictionary.Builder dictionary, String s) {
            int code = dictionary.intern(s);
            return code <= BYTE_CODES ? code : StringDictionary.NULL;
        }

        Dictionaries build() {
            return new Dictionaries(
                    companies.build(),
                    modules.build(),
                    users.build(),
                    releases.build(),
                    texts.build(),
                    markTypes.build(),
                    statuses.build(),
                    blueprints.build(),
                    values.build());
        }
    }
}
