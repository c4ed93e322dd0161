package org.stackvault.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original's text helpers for the activity log: {@code format_text} (HTML-escaped,
 * zero-width breaks after dots and slashes inside words), {@code make_commit_message}
 * (links to blueprints, bugs and changes), {@code unwrap_text}. Stateless.
 */
public final class TextFormat {
    private static final int UNICODE = Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern BLANK_LINES = Pattern.compile("\n{2,}");
    private static final Pattern DOTTED_WORDS = Pattern.compile("((?:\\w+[\\./]+)+\\w+)", UNICODE);
    private static final Pattern DOTS = Pattern.compile("([\\./]+)");
    /** The original's blueprint, bug and change-id patterns, as alternatives (groups 1-2, 3-4, 5). */
    private static final Pattern LINKS = Pattern.compile(
            "(?i:(blueprint\\s+)([\\w-]+))|(?i:(bug[\\s#:]*)(\\d{5,7}))" + "|\\s+(I[0-9a-f]{40})",
            Pattern.UNICODE_CASE | UNICODE);

    private static final Pattern BUG_TITLE = Pattern.compile("^(?:Bug #\\d+.+:\\s+)\"(.*)\"", UNICODE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", UNICODE);
    /** Python's str.splitlines() boundaries. */
    private static final Pattern LINE_BREAK =
            Pattern.compile("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]");

    private TextFormat() {}

    /** Python's {@code html.escape(s)}: &amp; &lt; &gt; &quot; &#x27;. */
    public static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String formatText(String s) {
        String escaped = escapeHtml(BLANK_LINES.matcher(s).replaceAll("\n"));
        Matcher m = DOTTED_WORDS.matcher(escaped);
        StringBuilder out = new StringBuilder(escaped.length() + 32);
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(DOTS.matcher(m.group(1)).replaceAll("$1&#8203;")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A commit message as HTML: escaped text with links to blueprints, bugs and changes. The
     * module and Gerrit host come from the data too and are escaped inside the links (the
     * original put them in the {@code href} as they were). The three kinds of link are found
     * in one pass, so no link is looked for inside another one's attributes (the original's
     * three passes could nest an anchor in an {@code href}).
     */
    public static String commitMessage(String message, String module, String gerritHostname) {
        String s = formatText(message);
        String blueprints = "https://blueprints.launchpad.net/" + escapeHtml(module) + "/+spec/";
        String changes = "http://" + escapeHtml(gerritHostname) + "/#/q/";
        Matcher m = LINKS.matcher(s);
        StringBuilder out = new StringBuilder(s.length() + 64);
        while (m.find()) {
            String link;
            if (m.group(2) != null) {
                link = m.group(1) + anchor(blueprints, m.group(2));
            } else if (m.group(4) != null) {
                link = m.group(3) + anchor("https://bugs.launchpad.net/bugs/", m.group(4));
            } else {
                link = " " + anchor(changes, m.group(5));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(link));
        }
        m.appendTail(out);
        return unwrapText(out.toString());
    }

    /** {@code text} is escaped text matched by {@link #LINKS} (word characters, digits): safe in both places. */
    private static String anchor(String hrefPrefix, String text) {
        return "<a href=\"" + hrefPrefix + text + "\" class=\"ext_link\">" + text + "</a>";
    }

    /** Joins wrapped lines: a line ending a sentence (or not starting with a letter) keeps its break. */
    public static String unwrapText(String text) {
        StringBuilder res = new StringBuilder(text.length());
        for (String line : splitLines(text)) {
            String s = rstrip(line);
            if (s.isEmpty()) {
                continue;
            }
            res.append(line);
            char last = s.charAt(s.length() - 1);
            if (!Character.isLetter(s.codePointAt(0)) || ".!?>:;".indexOf(last) >= 0) {
                res.append('\n');
            } else {
                res.append(' ');
            }
        }
        return rstrip(res.toString());
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        Matcher m = LINE_BREAK.matcher(text);
        int start = 0;
        while (m.find()) {
            lines.add(text.substring(start, m.start()));
            start = m.end();
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Python's str.rstrip(): trailing Unicode whitespace. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || (c >= 0x1c && c <= 0x1f);
    }

    public static String bugTitle(String title) {
        return BUG_TITLE.matcher(title).replaceAll("$1");
    }

    public static String removeWhitespace(String s) {
        return WHITESPACE.matcher(s).replaceAll("");
    }

    /** A link to the dashboard's blueprint report; module and name are HTML-escaped. */
    public static String blueprintLink(String module, String name) {
        String m = escapeHtml(String.valueOf(module));
        String n = escapeHtml(String.valueOf(name));
        return "<a href=\"/report/blueprint/" + m + "/" + n + "\">" + n + "</a>";
    }
}
