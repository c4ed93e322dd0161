package org.stackvault.query;

import org.stackvault.vault.RecordTable;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.Vault;

/** What an aggregate groups records by: its key column, and which column names a group. */
public enum GroupBy {
    COMPANY {
        @Override
        int key(RecordTable t, int row) {
            return t.company(row);
        }

        @Override
        StringDictionary keys(Vault v) {
            return v.dictionaries().companies();
        }
    },
    MODULE {
        @Override
        int key(RecordTable t, int row) {
            return t.module(row);
        }

        @Override
        StringDictionary keys(Vault v) {
            return v.dictionaries().modules();
        }
    },
    /** Engineers: grouped by user id, named by the author name. */
    USER {
        @Override
        int key(RecordTable t, int row) {
            return t.user(row);
        }

        @Override
        StringDictionary keys(Vault v) {
            return v.dictionaries().users();
        }

        @Override
        int name(RecordTable t, int row) {
            return t.author(row);
        }

        @Override
        StringDictionary names(Vault v) {
            return v.dictionaries().texts();
        }
    };

    abstract int key(RecordTable t, int row);

    abstract StringDictionary keys(Vault v);

    /** Code of the group's name in {@link #names}; by default the key itself. */
    int name(RecordTable t, int row) {
        return key(t, row);
    }

    StringDictionary names(Vault v) {
        return keys(v);
    }
}
