package org.stackvault.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackvault.report.MessageTokens.Token;

/** Commit messages as text and link tokens: what is linked, where to, and that the text stays text. */
class MessageTokensTest {
    private static final String CHANGE = "I0123456789abcdef0123456789abcdef01234567";

    private static List<Token> links(List<Token> tokens) {
        return tokens.stream().filter(t -> t.href() != null).toList();
    }

    private static String text(List<Token> tokens) {
        StringBuilder s = new StringBuilder();
        tokens.forEach(t -> s.append(t.text()));
        return s.toString();
    }

    @Test
    void bugsBlueprintsAndChangeIds_becomeLinks_theRestStaysText() {
        String message = "<b>Fix</b> bug #1234567 in \"x\"\n\nImplements: blueprint my-bp\nCloses-Bug: 7654321\n"
                + "Change-Id: " + CHANGE + "\n";
        List<Token> tokens = MessageTokens.of(message, "nova", null, "/report/blueprint/");
        assertEquals(
                List.of(
                        new Token("1234567", "https://bugs.launchpad.net/bugs/1234567"),
                        new Token("my-bp", "/report/blueprint/nova/my-bp"),
                        new Token("7654321", "https://bugs.launchpad.net/bugs/7654321"),
                        new Token(CHANGE, "http://review.openstack.org/#/q/" + CHANGE)),
                links(tokens));
        // nothing is escaped here (the template escapes each token where it writes it); blank
        // lines go, and a line not ending a sentence (nor starting with other than a letter) is
        // joined to the next, as the original's
        assertEquals(
                "<b>Fix</b> bug #1234567 in \"x\"\nImplements: blueprint my-bp Closes-Bug: 7654321 Change-Id: "
                        + CHANGE,
                text(tokens));
    }

    @Test
    void theGerritHost_isUsedOnlyWhenItIsAHostName() {
        String message = "Change-Id: " + CHANGE;
        assertEquals(
                "http://review.opendev.org:8080/#/q/" + CHANGE,
                links(MessageTokens.of(message, "nova", "review.opendev.org:8080", "/r/"))
                        .get(0)
                        .href());
        assertEquals(
                "http://review.openstack.org/#/q/" + CHANGE,
                links(MessageTokens.of(message, "nova", "evil.org/\"><script>", "/r/"))
                        .get(0)
                        .href());
    }

    @Test
    void aBlueprintLink_escapesTheModuleAsOnePathSegment() {
        List<Token> tokens = MessageTokens.of("blueprint a-b", "x/y %", null, "/report/blueprint/");
        assertEquals("/report/blueprint/x%2Fy%20%25/a-b", links(tokens).get(0).href());
    }

    @Test
    void shortNumbersAndOtherWords_areNotLinked() {
        assertEquals(List.of(), links(MessageTokens.of("bug 1234 and blueprints and I0123", "nova", null, "/r/")));
    }
}
