package org.stackvault.query;

import org.stackvault.vault.RecordTable;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.Vault;

/** What an aggregate groups records by: its key column, and which column names a group. */
public enum GroupBy {
    COMPANY(RecordTable.Column.COMPANY, RecordTable.Column.COMPANY),
    MODULE(RecordTable.Column.MODULE, RecordTable.Column.MODULE),
    /** Engineers: grouped by user id, named by the author name. */
    USER(RecordTable.Column.USER, RecordTable.Column.AUTHOR);

    final RecordTable.Column keyColumn;
    final RecordTable.Column nameColumn;

    GroupBy(RecordTable.Column keyColumn, RecordTable.Column nameColumn) {
        this.keyColumn = keyColumn;
        this.nameColumn = nameColumn;
    }

    int key(RecordTable t, int row) {
        return switch (this) {
            case COMPANY -> t.company(row);
            case MODULE -> t.module(row);
            case USER -> t.user(row);
        };
    }

    int name(RecordTable t, int row) {
        return this == USER ? t.author(row) : key(t, row);
    }

    StringDictionary keys(Vault v) {
        return switch (this) {
            case COMPANY -> v.dictionaries().companies();
            case MODULE -> v.dictionaries().modules();
            case USER -> v.dictionaries().users();
        };
    }

    /** The dictionary of {@link #name}'s codes. */
    StringDictionary names(Vault v) {
        return this == USER ? v.dictionaries().texts() : keys(v);
    }
}
