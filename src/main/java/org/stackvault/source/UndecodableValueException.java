package org.stackvault.source;

/** A stored value that cannot be decoded (bad pickle, unknown flags, bad compression). */
public final class UndecodableValueException extends RuntimeException {
    public UndecodableValueException(String message) {
        super(message);
    }

    public UndecodableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
