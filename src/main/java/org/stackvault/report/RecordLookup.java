package org.stackvault.report;

import java.util.Map;
import org.stackvault.vault.Vault;

/** One record by its {@code primary_key}, and a blueprint by its module and name. Stateless. */
public final class RecordLookup {
    /** A record found: its row and the full record stored. */
    public record Found(int row, Map<?, ?> record) {}

    private RecordLookup() {}

    /** The record whose {@code primary_key} is {@code key}, or null when there is none (or it is gone from the source). */
    public static Found byPrimaryKey(Vault vault, String key) {
        int row = vault.rowOfAnyPrimaryKey(key);
        if (row < 0) {
            return null;
        }
        Map<?, ?> record = vault.fullRecords(new int[] {row}).get(row);
        return record != null && key.equals(Stored.text(record.get("primary_key"))) ? new Found(row, record) : null;
    }

    /** The blueprint id of the original's {@code get_blueprint_id}: {@code module:name}. */
    public static String blueprintId(String module, String name) {
        return module + ":" + name;
    }

    /** The drafted-blueprint record {@code bpd:<module>:<name>}, or null. */
    public static Found blueprint(Vault vault, String module, String name) {
        return byPrimaryKey(vault, "bpd:" + blueprintId(module, name));
    }
}
