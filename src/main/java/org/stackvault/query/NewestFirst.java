package org.stackvault.query;

import java.util.Arrays;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.Vault;

/**
 * Walks the selected rows newest first; rows of equal date come in ascending row order,
 * as the original's stable sort leaves them. Belongs to one request; not thread-safe.
 */
final class NewestFirst {
    private final Vault vault;
    private final Selection selection;
    private int position;

    /** Every selected row, newest first (equal dates in row order). */
    static int[] all(Vault vault, Selection selection) {
        return new NewestFirst(vault, selection).next(selection.size());
    }

    NewestFirst(Vault vault, Selection selection) {
        this.vault = vault;
        this.selection = selection;
        this.position = vault.recordCount() - 1;
    }

    boolean hasNext() {
        return position >= 0;
    }

    /** At least {@code n} more selected rows (whole groups of equal date), or all that remain. */
    int[] next(int n) {
        RecordTable t = vault.records();
        int[] out = new int[Math.max(4, Math.min(n + 16, selection.size()))];
        int count = 0;
        while (position >= 0 && count < n) {
            long date = t.date(vault.rowByDate(position));
            int first = position;
            while (first > 0 && t.date(vault.rowByDate(first - 1)) == date) {
                first--;
            }
            for (int i = first; i <= position; i++) {
                int row = vault.rowByDate(i);
                if (selection.contains(row)) {
                    if (count == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[count++] = row;
                }
            }
            position = first - 1;
        }
        return Arrays.copyOf(out, count);
    }
}
