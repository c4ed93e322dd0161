package org.stackvault.vault;

import java.util.Arrays;

/**
 * Which rows a query wants, as lookup tables over dictionary codes (1: wanted, 0: not),
 * one per column, and a date range; tables not given accept everything. {@link
 * RecordTable#match} applies it to every row without a branch per filter, so the scan
 * does not depend on how predictable the data is. Immutable once built; thread-safe.
 */
public final class RowMatcher {
    final byte[] types;
    final byte[] releases;
    final byte[] moduleReleases;
    final int releaseStride;
    final byte[] users;
    final byte[] companies;
    final long minDate;
    final long maxDate;
    final byte[] values;
    /** The wanted users' codes when few are wanted (a user filter), else null. */
    final int[] userCodes;
    /** No user, company or date filter: the scan need not read those columns. */
    final boolean onlyTypesReleasesModules;

    private RowMatcher(Builder b, byte[] ones) {
        this.types = b.types != null ? b.types : ones;
        this.releases = b.releases != null ? b.releases : ones;
        this.moduleReleases = b.moduleReleases;
        this.releaseStride = b.releaseStride;
        this.users = b.users != null ? b.users : ones;
        this.companies = b.companies != null ? b.companies : ones;
        this.minDate = b.minDate;
        this.maxDate = b.maxDate;
        this.values = b.values;
        this.userCodes = b.userCodes;
        this.onlyTypesReleasesModules =
                b.users == null && b.companies == null && b.minDate == Long.MIN_VALUE && b.maxDate == Long.MAX_VALUE;
    }

    /** Collects the tables of one query; not thread-safe. */
    public static final class Builder {
        private byte[] types;
        private byte[] releases;
        private byte[] moduleReleases;
        private int releaseStride;
        private byte[] users;
        private byte[] companies;
        private long minDate = Long.MIN_VALUE;
        private long maxDate = Long.MAX_VALUE;
        private byte[] values;
        private int[] userCodes;

        /** Record types by the bits of {@link RecordType#bit()}. */
        public Builder typeMask(int mask) {
            types = new byte[RecordType.values().length];
            for (RecordType t : RecordType.values()) {
                types[t.ordinal()] = (byte) ((mask >>> t.ordinal()) & 1);
            }
            return this;
        }

        public Builder releases(boolean[] byCode) {
            releases = bytes(byCode);
            return this;
        }

        /** (module, release) pairs: entry {@code module * releaseStride + release}. */
        public Builder moduleReleases(boolean[] byPair, int releaseStride) {
            this.moduleReleases = bytes(byPair);
            this.releaseStride = releaseStride;
            return this;
        }

        public Builder users(boolean[] byCode) {
            users = bytes(byCode);
            int wanted = 0;
            for (boolean b : byCode) {
                wanted += b ? 1 : 0;
            }
            if (wanted <= 64) {
                userCodes = new int[wanted];
                int n = 0;
                for (int code = 0; code < byCode.length; code++) {
                    if (byCode[code]) {
                        userCodes[n++] = code;
                    }
                }
            }
            return this;
        }

        public Builder companies(boolean[] byCode) {
            companies = bytes(byCode);
            return this;
        }

        /** Inclusive range of {@code date} (seconds). */
        public Builder dates(long min, long max) {
            minDate = min;
            maxDate = max;
            return this;
        }

        /** String values (a translation's language) by code in {@link Dictionaries#values()}. */
        public Builder values(boolean[] byCode) {
            values = bytes(byCode);
            return this;
        }

        public RowMatcher build(Vault vault) {
            return new RowMatcher(this, vault.ones());
        }

        private static byte[] bytes(boolean[] flags) {
            byte[] out = new byte[flags.length];
            for (int i = 0; i < flags.length; i++) {
                out[i] = (byte) (flags[i] ? 1 : 0);
            }
            return out;
        }
    }

    @Override
    public String toString() {
        return "RowMatcher[types=" + Arrays.toString(types) + ", dates=" + minDate + ".." + maxDate + "]";
    }
}
