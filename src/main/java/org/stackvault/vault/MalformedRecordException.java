package org.stackvault.vault;

/**
 * A record the vault cannot keep; {@code kind} groups such records for counting and logging.
 * Immutable; thread-safe.
 */
public final class MalformedRecordException extends RuntimeException {
    private final String kind;

    public MalformedRecordException(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
