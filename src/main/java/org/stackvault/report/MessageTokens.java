package org.stackvault.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackvault.query.PercentEncoding;
import org.stackvault.query.TextFormat;

/**
 * A commit message as text and link tokens, for a template to write with its own escaping
 * (no HTML is built here): the original's {@code make_commit_message} finds blueprints
 * ({@code blueprint <name>}), bugs ({@code bug #N}, {@code Closes-Bug: N}) and change ids
 * ({@code I} and 40 hex digits) and links them. Blueprints link to this dashboard's blueprint
 * report; bugs to Launchpad; changes to the record's Gerrit. Stateless.
 */
public final class MessageTokens {
    /** Text, or a link when {@code href} is not null. */
    public record Token(String text, String href) {}

    private static final int UNICODE = Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern BLANK_LINES = Pattern.compile("\n{2,}");
    /** The original's three patterns as alternatives: blueprint (groups 1-2), bug (3-4), change id (5-6). */
    private static final Pattern LINKS = Pattern.compile(
            "(?i:(blueprint\\s+)([\\w-]+))|(?i:(bug[\\s#:]*)(\\d{5,7}))|(\\s+)(I[0-9a-f]{40})",
            Pattern.UNICODE_CASE | UNICODE);
    /** A host name (and port) a change link may point at; anything else falls back to the default. */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\\d{1,5})?");

    static final String DEFAULT_GERRIT = "review.openstack.org";

    private MessageTokens() {}

    /**
     * The tokens of {@code message}: blank lines collapsed and wrapped lines joined as the
     * original's {@code format_text} and {@code unwrap_text} do, then the references linked.
     *
     * @param blueprintReport the path of the blueprint report, e.g. {@code /report/blueprint/}
     * @param gerritHostname the record's {@code gerrit_hostname}, or null for the default
     */
    public static List<Token> of(String message, String module, String gerritHostname, String blueprintReport) {
        String text = TextFormat.unwrapText(BLANK_LINES.matcher(message).replaceAll("\n"));
        String host =
                gerritHostname != null && HOST.matcher(gerritHostname).matches() ? gerritHostname : DEFAULT_GERRIT;
        List<Token> tokens = new ArrayList<>();
        Matcher m = LINKS.matcher(text);
        int at = 0;
        while (m.find()) {
            StringBuilder before = new StringBuilder(text.substring(at, m.start()));
            Token link;
            if (m.group(2) != null) {
                before.append(m.group(1));
                link = new Token(
                        m.group(2),
                        blueprintReport + PercentEncoding.encodeSegment(module) + "/"
                                + PercentEncoding.encodeSegment(m.group(2)));
            } else if (m.group(4) != null) {
                before.append(m.group(3));
                link = new Token(m.group(4), "https://bugs.launchpad.net/bugs/" + m.group(4));
            } else {
                before.append(m.group(5));
                link = new Token(m.group(6), "http://" + host + "/#/q/" + m.group(6));
            }
            if (!before.isEmpty()) {
                tokens.add(new Token(before.toString(), null));
            }
            tokens.add(link);
            at = m.end();
        }
        if (at < text.length()) {
            tokens.add(new Token(text.substring(at), null));
        }
        return List.copyOf(tokens);
    }
}
