package org.stackvault.source;

/** The runtime storage could not answer (unreachable, timed out, a server down). */
public final class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
