package org.stackvault.report;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.stackvault.query.Filter;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/**
 * When someone works: the reviews, patch sets, e-mails and blueprints (drafted and completed)
 * of a user or a company counted by hour of the day (UTC) and day of the week, as the
 * original's {@code _get_punch_card_data} counts them (over all of the user's or company's
 * records, whatever the release or project type). Immutable.
 *
 * @param cells the cells with a count, weekday by weekday (Monday first), hour by hour
 */
public record PunchCard(List<Cell> cells) {
    /** What the original counts: marks, patch sets, e-mails, drafted and completed blueprints. */
    static final Set<RecordType> COUNTED = Collections.unmodifiableSet(
            EnumSet.of(RecordType.MARK, RecordType.PATCH, RecordType.EMAIL, RecordType.BPD, RecordType.BPC));

    /** A cell: hour 0-23 (UTC), weekday 0 = Monday .. 6 = Sunday; written as {@code [hour, weekday, count]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record Cell(int hour, int weekday, long count) {}

    public PunchCard {
        cells = List.copyOf(cells);
    }

    /** The punch card of the user {@code userId} (matched as the filters match it), empty for an unknown one. */
    public static PunchCard ofUser(Vault vault, String userId) {
        int code = vault.userCode(userId);
        RecordTable t = vault.records();
        return code < 0 ? new PunchCard(List.of()) : of(vault, row -> t.user(row) == code);
    }

    /** The punch card of a company (named in any letter case, as the company filter), empty for an unknown one. */
    public static PunchCard ofCompany(Vault vault, String company) {
        int code = vault.companyByFoldedName(Filter.foldCompany(company));
        RecordTable t = vault.records();
        return code < 0 ? new PunchCard(List.of()) : of(vault, row -> t.company(row) == code);
    }

    private static PunchCard of(Vault vault, IntPredicate whose) {
        RecordTable t = vault.records();
        long[][] counts = new long[7][24];
        for (int row = 0; row < t.size(); row++) {
            if (!t.isEmpty(row) && COUNTED.contains(t.type(row)) && whose.test(row)) {
                ZonedDateTime at = Instant.ofEpochSecond(t.date(row)).atZone(ZoneOffset.UTC);
                counts[at.getDayOfWeek().getValue() - 1][at.getHour()]++;
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (int weekday = 0; weekday < 7; weekday++) {
            for (int hour = 0; hour < 24; hour++) {
                if (counts[weekday][hour] != 0) {
                    cells.add(new Cell(hour, weekday, counts[weekday][hour]));
                }
            }
        }
        return new PunchCard(cells);
    }
}
