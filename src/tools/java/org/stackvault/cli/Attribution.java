package org.stackvault.cli;

import java.util.Map;

/**
 * What the processor adds to every record once it knows the author
 * ({@code _update_record_and_user}, then {@code _renew_record_date}): the author's user id,
 * profile name and company at the record's date, the week and the release. Immutable.
 */
record Attribution(Timeline timeline, Companies companies) {

    void apply(Map<String, Object> record, Person author, long date, String email) {
        record.put("user_id", author.userId);
        if (author.userName != null && !author.userName.isEmpty()) {
            record.put("author_name", author.userName);
        }
        record.put("company_name", author.companyAt(date, email, companies));
        record.put("week", Timeline.week(date));
        record.putIfAbsent("release", timeline.releaseOf(date));
    }

    /** The address {@code person} writes from at {@code date}. */
    String emailAt(Person person, long date) {
        return person.emailAt(date, companies);
    }
}
