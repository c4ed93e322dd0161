package org.stackvault.source;

/**
 * A stored value that cannot be decoded (bad pickle, unknown flags, bad compression) or
 * is refused unread because it is too large; {@link #kind()} says which, for counting.
 */
public final class UndecodableValueException extends RuntimeException {
    private final String kind;

    public UndecodableValueException(String message) {
        this(message, null);
    }

    public UndecodableValueException(String message, Throwable cause) {
        this("undecodable", message, cause);
    }

    private UndecodableValueException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** A value over the size limit (stored or after decompression), refused before decoding. */
    public static UndecodableValueException oversized(String message) {
        return new UndecodableValueException("oversized", message, null);
    }

    /** {@code undecodable} or {@code oversized}. */
    public String kind() {
        return kind;
    }
}
