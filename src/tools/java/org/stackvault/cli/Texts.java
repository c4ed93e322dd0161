package org.stackvault.cli;

import java.util.SplittableRandom;

/**
 * Plausible free text for generated records: change subjects, commit message bodies, bug
 * and blueprint titles, people's names, hexadecimal ids.
 *
 * <p>The prose never contains the words the processor mines from messages ("bug" followed
 * by a number, "blueprint", "bp", "Change-Id"), so the only bug, blueprint and change ids a
 * record carries are the ones the generator put there on purpose. Stateless.
 */
final class Texts {
    private Texts() {}

    private static final String[] VERBS = {
        "Add",
        "Fix",
        "Remove",
        "Refactor",
        "Use",
        "Avoid",
        "Enable",
        "Disable",
        "Move",
        "Cleanup",
        "Update",
        "Deprecate",
        "Implement",
        "Validate",
        "Introduce",
        "Ensure",
        "Allow",
        "Handle",
        "Support",
        "Document",
        "Improve",
        "Replace",
        "Switch",
        "Drop",
        "Skip",
        "Cache",
        "Log",
        "Check"
    };
    private static final String[] THINGS = {
        "periodic task",
        "json schema",
        "policy rules",
        "port binding",
        "quota checks",
        "connection pool",
        "default value",
        "deprecation warning",
        "object versioning",
        "timeout handling",
        "volume attach",
        "resize operation",
        "security group",
        "image upload",
        "microversion",
        "config option",
        "unit tests",
        "log messages",
        "retry logic",
        "db migration",
        "api reference",
        "release note",
        "rpc version",
        "metadata service",
        "healthcheck",
        "docstrings",
        "service catalog",
        "notification payload",
        "live migration",
        "placement allocation",
        "token validation",
        "rolling upgrade",
        "request context",
        "error handling",
        "python3 support",
        "oslo.config options",
        "db api calls"
    };
    private static final String[] PLACES = {
        "client",
        "driver",
        "conductor",
        "scheduler",
        "api layer",
        "db api",
        "wsgi app",
        "agent",
        "l3 agent",
        "compute manager",
        "test fixtures",
        "gate job",
        "plugin",
        "service",
        "dashboard panel",
        "manager",
        "object model",
        "cli",
        "install guide",
        "devstack plugin",
        "functional tests",
        "notifier",
        "engine",
        "worker",
        "middleware"
    };
    private static final String[] SENTENCES = {
        "The current implementation does not handle this case correctly",
        "This change makes it consistent with the rest of the code base",
        "Backward compatibility for existing deployments is kept",
        "This was found in the gate and is reproducible locally with tox",
        "A regression test is added and the documentation is updated accordingly",
        "Operators are now aware of the new behaviour",
        "The old code path is kept for one more cycle and logs a warning",
        "Nothing changes for users of the default configuration",
        "The helper is moved to a common module so that both services can use it",
        "Timeouts are now configurable instead of hard coded",
        "The unit tests no longer depend on the order of dictionary keys",
        "This reduces the number of database round trips on large deployments",
        "The option was never read and only confused people",
        "Error messages now include the identifier of the failing resource"
    };
    private static final String[] BP_WORDS = {
        "multi",
        "middleware",
        "image",
        "upgrade",
        "checks",
        "config",
        "refactor",
        "import",
        "healthcheck",
        "backup",
        "microversions",
        "service",
        "async",
        "quota",
        "cells",
        "placement",
        "volume",
        "multiattach",
        "tenant",
        "isolation",
        "network",
        "qos",
        "policy",
        "defaults",
        "scheduler",
        "hints",
        "api",
        "v2",
        "v3",
        "ipv6",
        "support",
        "rolling",
        "live",
        "migration",
        "encryption",
        "keys",
        "federation",
        "tokens",
        "versioned",
        "objects",
        "notifications",
        "metrics",
        "graceful",
        "shutdown",
        "python3",
        "ports",
        "trunk",
        "routers",
        "dvr",
        "events",
        "flavors",
        "tags",
        "search",
        "pagination"
    };
    private static final String[] BUG_SUBJECTS = {
        "Compute manager",
        "Wsgi app",
        "Service",
        "Scheduler",
        "Agent",
        "Api layer",
        "Db api",
        "Conductor",
        "Client",
        "Driver",
        "Dashboard panel",
        "Plugin",
        "Engine",
        "Worker"
    };
    private static final String[] BUG_FAILURES = {
        "deadlocks",
        "leaks connections",
        "returns wrong status",
        "fails",
        "times out",
        "raises 500",
        "ignores",
        "crashes",
        "logs a traceback",
        "hangs"
    };
    private static final String[] BUG_CONTEXTS = {
        "in notification payload",
        "in exception message",
        "for object versioning",
        "when quota checks",
        "on resize operation",
        "during live migration",
        "with ipv6 addresses",
        "after upgrade",
        "under load",
        "with unicode names",
        "on empty list",
        "when the database is down",
        "with a long timeout"
    };

    private static final String[] FIRST_NAMES = {
        "Alex",
        "Anna",
        "Andrea",
        "Bartosz",
        "Bo",
        "Carlos",
        "Chen",
        "Chris",
        "Daniel",
        "David",
        "Dmitry",
        "Elena",
        "Emilien",
        "Eric",
        "Fei",
        "Gary",
        "Hiroshi",
        "Hui",
        "Igor",
        "Ilya",
        "Ivan",
        "Jakub",
        "James",
        "Jan",
        "Javier",
        "Jay",
        "Jie",
        "Jin",
        "John",
        "Jose",
        "Julia",
        "Kevin",
        "Kiran",
        "Lei",
        "Li",
        "Lucas",
        "Maria",
        "Mark",
        "Matt",
        "Michael",
        "Ming",
        "Nikita",
        "Oleg",
        "Olga",
        "Paul",
        "Pavel",
        "Peter",
        "Priya",
        "Rafael",
        "Rahul",
        "Ravi",
        "Roman",
        "Sam",
        "Sean",
        "Sergey",
        "Shu",
        "Sofia",
        "Takashi",
        "Thomas",
        "Tim",
        "Vladimir",
        "Wei",
        "Xin",
        "Yang",
        "Yuki",
        "Yuriy",
        "Zhang",
        "Zoe"
    };
    private static final String[] LAST_NAMES = {
        "Anderson",
        "Bauer",
        "Brown",
        "Chen",
        "Costa",
        "Das",
        "Dubois",
        "Fischer",
        "Garcia",
        "Gupta",
        "Hansen",
        "Hoffman",
        "Ivanov",
        "Jain",
        "Jones",
        "Kim",
        "Kowalski",
        "Kumar",
        "Lee",
        "Li",
        "Lindqvist",
        "Liu",
        "Lopez",
        "Ma",
        "Martin",
        "Meyer",
        "Miller",
        "Moreau",
        "Mueller",
        "Nakamura",
        "Nguyen",
        "Novak",
        "Park",
        "Patel",
        "Petrov",
        "Rossi",
        "Santos",
        "Sato",
        "Schmidt",
        "Sharma",
        "Silva",
        "Smirnov",
        "Smith",
        "Suzuki",
        "Tanaka",
        "Taylor",
        "Wang",
        "Weber",
        "Williams",
        "Wu",
        "Xu",
        "Yamamoto",
        "Yang",
        "Zhao",
        "Zhou"
    };

    static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    /** A change subject: "Fix periodic task in client". */
    static String subject(SplittableRandom random) {
        return pick(random, VERBS) + " " + pick(random, THINGS) + " in " + pick(random, PLACES);
    }

    /** One to three sentences. */
    static String paragraph(SplittableRandom random) {
        int n = 1 + random.nextInt(3);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(pick(random, SENTENCES)).append('.');
        }
        return s.toString();
    }

    /**
     * A commit message body (the part after the subject) with its trailers, as the processor
     * parses it: "Closes-Bug: #n", "Implements: blueprint name", "Change-Id: I...".
     */
    static String commitBody(SplittableRandom random, String bugNumber, String blueprintName, String changeId) {
        StringBuilder s = new StringBuilder();
        s.append(paragraph(random)).append("\n\n");
        if (random.nextInt(3) == 0) {
            s.append(paragraph(random)).append("\n\n");
        }
        if (bugNumber != null) {
            s.append(random.nextInt(4) == 0 ? "Partial-Bug: #" : "Closes-Bug: #")
                    .append(bugNumber)
                    .append("\n\n");
        }
        if (blueprintName != null) {
            s.append(random.nextInt(3) == 0 ? "Partially-Implements: blueprint " : "Implements: blueprint ")
                    .append(blueprintName)
                    .append("\n\n");
        }
        if (changeId != null) {
            s.append("Change-Id: ").append(changeId).append('\n');
        }
        return s.toString();
    }

    /** A blueprint name such as "image-upgrade" (may repeat; callers make it unique). */
    static String blueprintName(SplittableRandom random) {
        int n = 2 + random.nextInt(2);
        String previous = pick(random, BP_WORDS);
        StringBuilder s = new StringBuilder(previous);
        for (int i = 1; i < n; i++) {
            String word = pick(random, BP_WORDS);
            if (!word.equals(previous)) {
                s.append('-').append(word);
                previous = word;
            }
        }
        return s.toString();
    }

    /** "image-upgrade" -> "Image upgrade". */
    static String titleOf(String name) {
        String words = name.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The text inside a bug title: "Compute manager deadlocks in notification payload". */
    static String bugSummary(SplittableRandom random) {
        return pick(random, BUG_SUBJECTS) + " " + pick(random, BUG_FAILURES) + " " + pick(random, BUG_CONTEXTS);
    }

    static String personName(SplittableRandom random) {
        return firstName(random) + " " + lastName(random);
    }

    static String firstName(SplittableRandom random) {
        return pick(random, FIRST_NAMES);
    }

    static String lastName(SplittableRandom random) {
        return pick(random, LAST_NAMES);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code digits} random lower-case hexadecimal digits. */
    static String hex(SplittableRandom random, int digits) {
        char[] out = new char[digits];
        long bits = 0;
        for (int i = 0; i < digits; i++) {
            if (i % 16 == 0) {
                bits = random.nextLong();
            }
            out[i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
        return new String(out);
    }
}
