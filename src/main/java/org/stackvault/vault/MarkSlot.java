package org.stackvault.vault;

import static org.stackvault.vault.RecordTable.MARK_COUNTS;
import static org.stackvault.vault.RecordTable.MARK_DISAGREEMENT;
import static org.stackvault.vault.RecordTable.MARK_OTHER;

/**
 * How the review-mark aggregates count a record, computed once when its row is filled so
 * that a query reads one byte instead of comparing mark types and values per request; the
 * encoding is {@link RecordTable#markSlot}'s. Stateless.
 */
final class MarkSlot {
    private MarkSlot() {}

    /** The slot of {@code r}: Code-Review -2..2, Workflow, Abandon or any other mark. */
    static int of(ParsedRecord r) {
        long value = r.value() instanceof Long l ? l : 0;
        String type = r.markType();
        int slot;
        if ("Code-Review".equals(type)) {
            slot = (value >= -2 && value <= 2 ? (int) value + 2 : MARK_OTHER) | MARK_COUNTS;
        } else if ("Abandon".equals(type)) {
            slot = 7 | MARK_COUNTS;
        } else if ("Workflow".equals(type)) {
            slot = value == 1 ? 5 : 6;
        } else {
            slot = 2;
        }
        return r.disagreement() ? slot | MARK_DISAGREEMENT : slot;
    }
}
