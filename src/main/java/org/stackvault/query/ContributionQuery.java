package org.stackvault.query;

import java.util.LinkedHashMap;
import java.util.Map;

import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.Vault;

/** {@code /contribution}: the summary counts of the original's {@code get_contribution_summary}. Stateless. */
public final class ContributionQuery {
    private ContributionQuery() {
    }

    public static Map<String, Object> summary(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        StringDictionary markTypes = vault.dictionaries().markTypes();
        int workflow = markTypes.code("Workflow");
        int codeReview = markTypes.code("Code-Review");
        int abandon = markTypes.code("Abandon");
        boolean[] self = new boolean[markTypes.size()];
        for (int code = 1; code < markTypes.size(); code++) {
            self[code] = markTypes.value(code).startsWith("Self-");
        }
        int abandoned = vault.dictionaries().statuses().code("ABANDONED");
        Map<String, Long> marks = new LinkedHashMap<>();
        for (String key : new String[] {"-2", "-1", "0", "1", "2", "A", "WIP", "x", "s"}) {
            marks.put(key, 0L);
        }
        long[] byType = new long[RecordType.values().length];
        long loc = 0;
        long translations = 0;
        long abandonedReviews = 0;
        for (int i = 0; i < selection.size(); i++) {
            int row = selection.row(i);
            RecordType type = t.type(row);
            byType[type.ordinal()]++;
            switch (type) {
                case COMMIT -> loc += t.loc(row);
                case TR -> translations += t.loc(row);
                case REVIEW -> {
                    if (abandoned > 0 && t.status(row) == abandoned) {
                        abandonedReviews++;
                    }
                }
                case MARK -> {
                    int mt = t.markType(row);
                    String key;
                    if (mt > 0 && mt == workflow) {
                        key = t.hasIntValue(row) && t.intValue(row) == 1 ? "A" : "WIP";
                    } else if (mt > 0 && mt == codeReview) {
                        key = Integer.toString(t.hasIntValue(row) ? t.intValue(row) : 0);
                    } else if (mt > 0 && mt == abandon) {
                        key = "x";
                    } else if (self[mt]) {
                        key = "s";
                    } else {
                        key = "0";
                    }
                    marks.merge(key, 1L, Long::sum);
                }
                default -> {
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("drafted_blueprint_count", byType[RecordType.BPD.ordinal()]);
        result.put("completed_blueprint_count", byType[RecordType.BPC.ordinal()]);
        result.put("commit_count", byType[RecordType.COMMIT.ordinal()]);
        result.put("email_count", byType[RecordType.EMAIL.ordinal()]);
        result.put("loc", loc);
        result.put("marks", marks);
        result.put("filed_bug_count", byType[RecordType.BUGF.ordinal()]);
        result.put("resolved_bug_count", byType[RecordType.BUGR.ordinal()]);
        result.put("patch_set_count", byType[RecordType.PATCH.ordinal()]);
        result.put("change_request_count", byType[RecordType.REVIEW.ordinal()]);
        result.put("abandoned_change_requests_count", abandonedReviews);
        result.put("translations", translations);
        return result;
    }
}
