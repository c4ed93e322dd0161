package org.stackvault.vault;

/**
 * What one refresh did. Immutable.
 *
 * @param generation     the generation serving after the refresh
 * @param finishedMillis when it ended (epoch millis); 0 for a refresh that never ran
 */
public record RefreshResult(Outcome outcome, long generation, long startedMillis, long finishedMillis, String message) {

    /** How a refresh ended. */
    public enum Outcome {
        /** Nothing has run yet. */
        NONE,
        /** A fully rebuilt vault was published. */
        FULL,
        /** The update log was applied and the result published. */
        INCREMENTAL,
        /** The source had no updates; nothing was published. */
        UNCHANGED,
        /** Another refresh was running; this one did nothing. */
        BUSY,
        /** The new vault would have lost records (source restarted or evicting); not published. */
        REFUSED,
        /** The build failed; the previous vault keeps serving. */
        FAILED
    }

    static final RefreshResult NEVER = new RefreshResult(Outcome.NONE, 0, 0, 0, "no refresh yet");

    public long durationMillis() {
        return Math.max(0, finishedMillis - startedMillis);
    }

    public boolean published() {
        return outcome == Outcome.FULL || outcome == Outcome.INCREMENTAL;
    }
}
