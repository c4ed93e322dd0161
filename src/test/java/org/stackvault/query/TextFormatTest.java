package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The HTML the activity log carries: everything from the data escaped, links where the original made them. */
class TextFormatTest {
    private static final String HOSTILE = "<script>alert(\"x\")</script>'&";
    private static final String ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#x27;&amp;";
    private static final String CHANGE = "I0123456789abcdef0123456789abcdef01234567";

    @Test
    void commitMessage_linksBlueprintsBugsAndChanges_asTheOriginal() {
        assertEquals(
                "Implements blueprint <a href=\"https://blueprints.launchpad.net/nova/+spec/fast-boot\" "
                        + "class=\"ext_link\">fast-boot</a>\nCloses-Bug: <a href=\"https://bugs.launchpad.net/bugs/1234567\" "
                        + "class=\"ext_link\">1234567</a>\nChange-Id: <a href=\"http://review.openstack.org/#/q/"
                        + CHANGE
                        + "\" class=\"ext_link\">" + CHANGE + "</a>",
                TextFormat.commitMessage(
                        "Implements blueprint fast-boot\nCloses-Bug: 1234567\nChange-Id: " + CHANGE,
                        "nova",
                        "review.openstack.org"));
    }

    @Test
    void commitMessage_escapesTheModuleAndGerritHost_insideTheLinks() {
        String html = TextFormat.commitMessage("blueprint bp-1\nChange-Id: " + CHANGE, HOSTILE, HOSTILE);
        assertEquals(
                "blueprint <a href=\"https://blueprints.launchpad.net/" + ESCAPED + "/+spec/bp-1\" "
                        + "class=\"ext_link\">bp-1</a>\nChange-Id: <a href=\"http://" + ESCAPED + "/#/q/" + CHANGE
                        + "\" class=\"ext_link\">" + CHANGE + "</a>",
                html);
    }

    @Test
    void commitMessage_escapesTheMessage() {
        String html = TextFormat.commitMessage("Fix " + HOSTILE + " in bug 12345", "nova", "review.openstack.org");
        assertEquals(
                "Fix " + ESCAPED + " in bug <a href=\"https://bugs.launchpad.net/bugs/12345\" "
                        + "class=\"ext_link\">12345</a>",
                html);
    }

    @Test
    void commitMessage_neverPutsALinkInsideAnotherLinksAttributes() {
        // the original's three passes found "bug 123456" again inside the blueprint link's href
        String html = TextFormat.commitMessage("blueprint x", "bug 123456", "bug 654321 " + CHANGE);
        assertEquals(1, html.split("<a ", -1).length - 1, html);
        assertFalse(html.contains("bugs.launchpad.net"), html);
    }

    @Test
    void blueprintLink_escapesModuleAndName() {
        assertEquals(
                "<a href=\"/report/blueprint/" + ESCAPED + "/" + ESCAPED + "\">" + ESCAPED + "</a>",
                TextFormat.blueprintLink(HOSTILE, HOSTILE));
    }

    @Test
    void formatText_escapesEveryHtmlCharacter() {
        assertEquals(ESCAPED, TextFormat.formatText(HOSTILE));
    }
}
