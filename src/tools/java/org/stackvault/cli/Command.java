package org.stackvault.cli;

import java.io.IOException;
import org.stackvault.source.StorageException;
import org.stackvault.source.UndecodableValueException;

/**
 * Runs a command's body with the exit codes every command shares: 0 done, 1 failed (a
 * message, no stack trace), 2 wrong usage (the message and the usage text).
 */
final class Command {
    private Command() {}

    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    static void run(String usage, String[] args, Body body) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(usage);
            System.exit(0);
        }
        try {
            body.run();
        } catch (Arguments.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
        } catch (IOException | StorageException | UndecodableValueException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
