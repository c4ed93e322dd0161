package org.stackvault.vault;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Activity record types, as the processor names them in {@code record_type}. Immutable; thread-safe. */
public enum RecordType {
    /** An empty slot: no record, or one the vault does not keep. */
    NONE(""),
    COMMIT("commit"),
    MARK("mark"),
    REVIEW("review"),
    PATCH("patch"),
    EMAIL("email"),
    BPD("bpd"),
    BPC("bpc"),
    BUGF("bugf"),
    BUGR("bugr"),
    MEMBER("member"),
    TR("tr"),
    CI("ci");

    private static final RecordType[] VALUES = values();
    private static final Map<String, RecordType> BY_NAME =
            Arrays.stream(VALUES).collect(Collectors.toUnmodifiableMap(RecordType::pythonName, Function.identity()));

    private final String pythonName;

    RecordType(String pythonName) {
        this.pythonName = pythonName;
    }

    public String pythonName() {
        return pythonName;
    }

    /** The bit of this type in a type mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The type named {@code name}, or null for an unknown name. */
    public static RecordType of(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    static RecordType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
