package org.stackvault.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stackvault.query.Selection;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/**
 * What the original's {@code /report/single_plus_two_reviews} meant to answer (it fails on its
 * first record, see docs/api.md): the merged change requests on master whose selected marks
 * hold exactly one Code-Review +2. Stateless.
 */
public final class SinglePlusTwo {
    /** A change merged with one +2: who proposed it, who gave the +2, and the change. */
    public record SinglePlusTwoReview(String reviewBy, String markBy, String subject, String url, String project) {}

    private SinglePlusTwo() {}

    /** The change requests, in the order their first +2 appears among the selected rows. */
    public static List<SinglePlusTwoReview> of(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        int codeReview = vault.dictionaries().markTypes().code("Code-Review");
        int merged = vault.dictionaries().statuses().code("MERGED");
        List<Integer> marks = new ArrayList<>();
        for (int row : selection.rows()) {
            if (t.type(row) == RecordType.MARK
                    && t.markType(row) == codeReview
                    && t.hasIntValue(row)
                    && t.intValue(row) == 2) {
                marks.add(row);
            }
        }
        Map<Integer, Map<?, ?>> full = Stored.fetch(vault, Stored.toArray(marks));
        Map<Integer, List<String>> plusTwosByReview = new LinkedHashMap<>();
        for (int row : marks) {
            Map<?, ?> mark = full.get(row);
            if (mark == null || !"master".equals(Stored.text(mark.get("branch")))) {
                continue;
            }
            String reviewId = Stored.text(mark.get("review_id"));
            int review = reviewId == null ? -1 : vault.rowOfPrimaryKey(reviewId);
            if (review >= 0 && t.type(review) == RecordType.REVIEW && t.status(review) == merged) {
                plusTwosByReview.computeIfAbsent(review, r -> new ArrayList<>()).add(Stored.text(mark.get("user_id")));
            }
        }
        List<Integer> single = new ArrayList<>();
        plusTwosByReview.forEach((review, by) -> {
            if (by.size() == 1) {
                single.add(review);
            }
        });
        Map<Integer, Map<?, ?>> reviews = Stored.fetch(vault, Stored.toArray(single));
        List<SinglePlusTwoReview> result = new ArrayList<>();
        for (int row : single) {
            Map<?, ?> review = reviews.get(row);
            if (review != null && "MERGED".equals(Stored.text(review.get("status")))) {
                result.add(new SinglePlusTwoReview(
                        Stored.text(review.get("user_id")),
                        plusTwosByReview.get(row).get(0),
                        Stored.text(review.get("subject")),
                        Stored.text(review.get("url")),
                        Stored.text(review.get("project"))));
            }
        }
        return List.copyOf(result);
    }
}
