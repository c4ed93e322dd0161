package org.stackvault.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The processor's company index ({@code companies} in the runtime storage): email domains,
 * normalised aliases and normalised names, each mapped to the company name; and the two
 * lookups the processor makes with it (company of an email, company of a free-text name).
 * Immutable.
 */
final class Companies {
    static final String INDEPENDENT = "*independent";
    static final String ROBOTS = "*robots";

    // The processor's suffix pattern, kept as it is written there: the dots of the
    // "with stops" suffixes are unescaped, so they match any character.
    private static final Pattern BAD_SUFFIXES = Pattern.compile(
            "(\\b(Ltd|Pvt|Inc|GmbH|AG|Corporation|Corp|Company|Co|Group|Srl|Limited|LLC|IT)\\b)"
                    + "|((^|\\s)(S.p.A.|s.r.o.|L.P.|B.V.|K.K.|d.o.o.))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern COMMA = Pattern.compile(",");
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, String> index;
    private final List<String> names;
    private final Map<String, String> firstDomain;

    private Companies(Map<String, String> index, List<String> names) {
        this.index = index;
        this.names = names;
        Map<String, String> domains = new LinkedHashMap<>();
        // normalised names and aliases never hold a dot; domains do
        index.forEach((key, company) -> {
            if (key.contains(".")) {
                domains.putIfAbsent(company, key);
            }
        });
        this.firstDomain = domains;
    }

    /**
     * Builds the index as the processor's {@code _store_companies} does, from default-data
     * company entries ({@code company_name}, {@code domains}, optional {@code aliases}).
     */
    static Companies of(List<Map<String, Object>> companies) {
        Map<String, String> index = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Map<String, Object> company : companies) {
            String name = String.valueOf(company.get("company_name"));
            names.add(name);
            for (Object domain : list(company.get("domains"))) {
                index.put(String.valueOf(domain), name);
            }
            for (Object alias : list(company.get("aliases"))) {
                index.put(normalizeName(String.valueOf(alias)), name);
            }
            index.put(normalizeName(name), name);
        }
        return new Companies(Collections.unmodifiableMap(index), List.copyOf(names));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** {@code utils.normalize_company_name}: legal suffixes dropped, then only lower-case letters and digits. */
    static String normalizeName(String name) {
        String stripped = BAD_SUFFIXES.matcher(name).replaceAll("");
        StringBuilder out = new StringBuilder(stripped.length());
        stripped.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isLetterOrDigit(cp) || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
        });
        return out.toString();
    }

    /** {@code utils.normalize_company_draft}: commas to spaces, runs of spaces to one. */
    static String normalizeDraft(String name) {
        return SPACES.matcher(COMMA.matcher(name).replaceAll(" ")).replaceAll(" ");
    }

    /** The value stored under {@code companies}. */
    Map<String, String> index() {
        return index;
    }

    /** Company names in default-data order. */
    List<String> names() {
        return names;
    }

    /**
     * {@code user_processor.get_company_by_email}: the company of the longest matching
     * domain suffix (two labels at least), or null.
     */
    String companyOfEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at < 0 || at == email.length() - 1) {
            return null;
        }
        String[] parts = email.substring(at + 1).split("\\.", -1);
        for (int i = parts.length; i > 1; i--) {
            String suffix = String.join(".", java.util.Arrays.asList(parts).subList(parts.length - i, parts.length));
            String company = index.get(suffix);
            if (company != null) {
                return company;
            }
        }
        return null;
    }

    /** The company a member's free-text affiliation resolves to, as the processor resolves it. */
    String companyOfDraft(String draft) {
        String known = index.get(normalizeName(draft));
        return known != null ? known : normalizeDraft(draft);
    }

    /** A web domain of {@code company} (its first non-empty one), or null. */
    String domainOf(String company) {
        return firstDomain.get(company);
    }
}
