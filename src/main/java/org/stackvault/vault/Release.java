package org.stackvault.vault;

/**
 * A release: {@code name} as the processor spells it; {@code startDate} is the previous
 * release's end (the first release starts on the day of the first record). Immutable.
 */
public record Release(String name, long startDate, long endDate, String project) {
    /** The lower-case id used in parameters and records. */
    public String id() {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
