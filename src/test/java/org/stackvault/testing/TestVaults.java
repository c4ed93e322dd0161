package org.stackvault.testing;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/** The vault holder most tests build: consumer 1, the system clock, no listeners. */
public final class TestVaults {
    private TestVaults() {}

    /** A holder over {@code storage} decoding on {@code decoders} with {@code parallelism} chunks in flight. */
    public static VaultHolder holder(RuntimeStorage storage, ExecutorService decoders, int parallelism) {
        return new VaultHolder(
                new VaultBuilder(
                        storage,
                        ConsumerId.of("1"),
                        decoders,
                        parallelism,
                        new BuildProgress(),
                        new SkippedValues(),
                        InstantSource.system()),
                List.of(),
                InstantSource.system());
    }
}
