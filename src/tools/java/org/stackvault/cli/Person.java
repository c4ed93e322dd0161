package org.stackvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One contributor of a generated data set: the profile the processor stores as
 * {@code user:<seq>}, plus what the generator needs to make records for them (how active
 * they are, in which periods). Mutable while the population is assembled, then only read.
 */
final class Person {
    /** One entry of the company history: the company until {@code endDate} (0: open-ended). */
    record Affiliation(String company, long endDate) {}

    int seq;
    String userId;
    String userName;
    final List<String> emails = new ArrayList<>();
    final List<Affiliation> companies = new ArrayList<>();
    String launchpadId;
    String gerritId;
    String githubId;
    String zanataId;
    /** Listed in the default data (the processor marks those profiles static). */
    boolean isStatic;
    /** Core reviewer of (module, branch). */
    final Set<List<String>> core = new LinkedHashSet<>();
    /** The default-data entry this person comes from, whose other fields are kept; null if generated. */
    Map<String, Object> defaultEntry;
    /** For a foundation member's profile: the company the processor also stores as {@code company_name}. */
    String memberCompany;

    /** Relative share of the records this person authors. */
    double activity = 1;
    /** The periods in which this person is active (inclusive). */
    int firstPeriod;

    int lastPeriod;

    boolean robot() {
        return !companies.isEmpty()
                && Companies.ROBOTS.equals(companies.get(companies.size() - 1).company());
    }

    /**
     * The company at {@code date} as the processor assigns it: the first affiliation whose end
     * is after the date, else the last one; for profiles the processor created itself (not
     * static), an open-ended affiliation yields to the company of the email's domain.
     */
    String companyAt(long date, String email, Companies index) {
        for (Affiliation a : companies) {
            if (date < a.endDate()) {
                return a.company();
            }
        }
        String company = companies.isEmpty()
                ? Companies.INDEPENDENT
                : companies.get(companies.size() - 1).company();
        if (!isStatic && !Companies.ROBOTS.equals(company)) {
            String byEmail = index.companyOfEmail(email);
            if (byEmail != null) {
                return byEmail;
            }
        }
        return company;
    }

    /**
     * The email this person uses at {@code date}: the one at the domain of the company of
     * that date when there is one (people write from their employer's address), else the first.
     */
    String emailAt(long date, Companies index) {
        if (emails.size() > 1) {
            String company = companyAt(date, null, index);
            for (String email : emails) {
                if (company.equals(index.companyOfEmail(email))) {
                    return email.toLowerCase(Locale.ROOT);
                }
            }
        }
        return emails.isEmpty() ? userId : emails.get(0).toLowerCase(Locale.ROOT);
    }

    /** The name records carry: the profile's user name, or the user id when there is none. */
    String displayName() {
        return userName == null || userName.isEmpty() ? userId : userName;
    }

    /** The profile as stored under {@code user:<seq>}. */
    Map<String, Object> stored() {
        Map<String, Object> user = new LinkedHashMap<>();
        if (defaultEntry != null) {
            // a default-data profile keeps every field of its entry, normalised
            defaultEntry.forEach((k, v) -> {
                if (!"companies".equals(k) && !"emails".equals(k)) {
                    user.put(k, v);
                }
            });
        }
        user.put("seq", (long) seq);
        user.put("user_id", userId);
        user.put("user_name", userName == null ? "" : userName);
        if (defaultEntry == null || defaultEntry.containsKey("launchpad_id")) {
            user.put("launchpad_id", launchpadId);
        }
        if (gerritId != null) {
            user.put("gerrit_id", gerritId);
        }
        if (githubId != null) {
            user.put("github_id", githubId);
        }
        if (zanataId != null) {
            user.put("zanata_id", zanataId);
        }
        user.put("emails", new ArrayList<>(emails));
        List<Map<String, Object>> history = new ArrayList<>();
        for (Affiliation a : companies) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("company_name", a.company());
            entry.put("end_date", a.endDate());
            history.add(entry);
        }
        user.put("companies", history);
        if (memberCompany != null) {
            user.put("company_name", memberCompany);
        }
        if (!core.isEmpty()) {
            List<Object> pairs = new ArrayList<>();
            for (List<String> pair : core) {
                pairs.add(new Object[] {pair.get(0), pair.get(1)});
            }
            user.put("core", pairs);
        }
        if (isStatic) {
            user.put("static", Boolean.TRUE);
        }
        return user;
    }

    /**
     * The keys besides {@code user:<seq>} that the processor's {@code store_user} writes this
     * profile under, without the {@code user:} prefix, each once.
     */
    List<String> aliases() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(userId);
        if (launchpadId != null) {
            keys.add(launchpadId);
        }
        if (gerritId != null) {
            keys.add("gerrit:" + gerritId);
        }
        if (githubId != null) {
            keys.add("github:" + githubId);
        }
        if (zanataId != null) {
            keys.add("zanata:" + zanataId);
        }
        keys.addAll(emails);
        return new ArrayList<>(keys);
    }
}
