package org.stackvault.web;

import java.util.Locale;

/**
 * A page's title, worded as the original's {@code helpers.make_page_title}: who contributed
 * (the community of the project type, a company, a user, or a user with the company), to
 * which module, in which release. Stateless.
 */
final class PageTitle {
    private PageTitle() {}

    /**
     * The title.
     *
     * @param typeId       the project type's id
     * @param parentTypeId the id of the group it is a child of, or null
     * @param typeTitle    the project type's title
     * @param release      the release id, or {@code all}
     * @param moduleName   the module group's name, or null
     * @param company      the company's name, or null
     * @param userName     the user's name, or null
     */
    static String of(
            String typeId,
            String parentTypeId,
            String typeTitle,
            String release,
            String moduleName,
            String company,
            String userName) {
        String typeClass = parentTypeId != null ? parentTypeId : typeId;
        boolean openStack = typeTitle.toLowerCase(Locale.ROOT).equals("openstack") || typeClass.startsWith("openstack");
        boolean someone = company != null || userName != null;
        StringBuilder title = new StringBuilder();
        if (userName != null) {
            title.append(userName);
            if (company != null) {
                title.append(" (").append(company).append(')');
            }
        } else if (company != null) {
            title.append(company);
        } else {
            title.append(openStack ? "OpenStack" : typeTitle).append(" community");
        }
        title.append(" contribution");
        if (moduleName != null) {
            title.append(" to ").append(moduleName);
        }
        boolean allReleases = "all".equals(release);
        if (openStack) {
            title.append(" in");
            if (allReleases) {
                title.append(" all releases");
            } else {
                title.append(someone ? " OpenStack " : " ")
                        .append(capitalized(release))
                        .append(" release");
            }
        } else if (!allReleases) {
            title.append(" during OpenStack ").append(capitalized(release)).append(" release");
        }
        return title.toString();
    }

    /** Python's {@code str.capitalize()}: the first letter upper case, the rest lower case. */
    private static String capitalized(String s) {
        return s.isEmpty()
                ? s
                : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
