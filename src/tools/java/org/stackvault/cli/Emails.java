package org.stackvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mailing-list posts as the processor records them: subject, message id, the bug and
 * blueprint links found in the body. Single-threaded.
 *
 * <p>The module is the one tagged in the subject ("[nova]"), else that of the blueprint the
 * post links to, else 'unknown'. (The processor also guesses a module from any module name
 * inside the subject; with generated subjects that guess would only add noise, and the
 * compatibility data set does not do it either.) The body is kept only when the post links
 * a blueprint, as the processor keeps it.
 */
final class Emails {
    private final Chance chance;
    private final Attribution attribution;
    private final WeightedPicker<StoredReference.Module> taggedModules;
    private final RecentBugs recentBugs;

    Emails(
            Chance chance,
            Attribution attribution,
            WeightedPicker<StoredReference.Module> taggedModules,
            RecentBugs recentBugs) {
        this.chance = chance;
        this.attribution = attribution;
        this.taggedModules = taggedModules;
        this.recentBugs = recentBugs;
    }

    /**
     * A post by {@code author} at {@code date}.
     *
     * @param blueprint the blueprint it links to, as {module, name}, or null
     */
    Map<String, Object> email(Person author, String[] blueprint, long date) {
        String email = attribution.emailAt(author, date);
        String list = chance.percent(80) ? "[openstack-dev]" : "[openstack]";
        String tagged = chance.percent(40) ? taggedModules.pick(chance.random).name() : null;
        String subject = (chance.percent(35) ? "Re: " : "") + list + " " + (tagged != null ? "[" + tagged + "] " : "")
                + Texts.subject(chance.random);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("author_email", email);
        e.put("author_name", author.displayName());
        e.put("date", date);
        e.put("subject", subject);
        int at = email.indexOf('@');
        String messageId =
                "<" + chance.hex(24) + "@" + (at > 0 ? email.substring(at + 1) : "lists.openstack.org") + ">";
        e.put("message_id", messageId);
        List<String> bugs = new ArrayList<>();
        if (chance.percent(10)) {
            Long bug = recentBugs.get();
            if (bug != null) {
                bugs.add(bug.toString());
            }
        }
        List<String> blueprints = new ArrayList<>();
        String module = tagged;
        if (blueprint != null) {
            blueprints.add(blueprint[0] + ":" + blueprint[1]);
            e.put(
                    "body",
                    Texts.paragraph(chance.random) + "\n\nhttps://blueprints.launchpad.net/" + blueprint[0] + "/+spec/"
                            + blueprint[1] + "\n" + Texts.paragraph(chance.random));
            if (module == null) {
                module = blueprint[0];
            }
        }
        e.put("bug_id", bugs);
        e.put("blueprint_id", blueprints);
        e.put("record_type", "email");
        e.put("primary_key", messageId);
        attribution.apply(e, author, date, email);
        e.put("module", module == null ? "unknown" : module);
        return e;
    }
}
