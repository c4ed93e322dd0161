package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stackvault.config.StackvaultConfig;

class ConsumerIdTest {
    private static final String DERIVED = "[a-z0-9._-]{1,63}-[0-9]+-[0-9a-f]{8}";

    @Test
    void derive_isHostPidAndEightHexDigits() {
        ConsumerId id = ConsumerId.derive("web-1.example.org", 1, new Random(7));
        assertTrue(id.value().matches("web-1\\.example\\.org-1-[0-9a-f]{8}"), id.value());
        assertEquals("pid:" + id.value(), id.cursorKey());
    }

    @Test
    void derive_twoContainersWithOneHostNameAndPid_getTwoIds() {
        // docker run --network host twice: the host's name, both pid 1
        assertNotEquals(ConsumerId.derive("node7", 1, new Random(1)), ConsumerId.derive("node7", 1, new Random(2)));
    }

    @Test
    void derive_hostNameWithCharactersAKeyMustNotHold_isCleanedAndCut() {
        ConsumerId id = ConsumerId.derive(" My Host\u00e9\n" + "x".repeat(300), 42, new Random(1));
        assertTrue(id.value().matches(DERIVED), id.value());
        assertTrue(id.value().startsWith("my_host__"), id.value());
        assertTrue(id.cursorKey().length() < 100, id.cursorKey());
    }

    @Test
    void derive_noHostName_isLocalhost() {
        assertTrue(ConsumerId.derive("", 5, new Random(1)).value().startsWith("localhost-5-"));
    }

    @Test
    void forThisProcess_namesThisPid_andDiffersAtEachStart() {
        ConsumerId first = ConsumerId.forThisProcess();
        assertTrue(first.value().matches(DERIVED), first.value());
        assertTrue(first.value().contains("-" + ProcessHandle.current().pid() + "-"), first.value());
        assertNotEquals(first, ConsumerId.forThisProcess());
    }

    @Test
    void unconfigured_isDerived_configured_wins() {
        assertTrue(StackvaultConfig.of().consumerId().value().matches(DERIVED));
        assertEquals(
                "4242", StackvaultConfig.of("consumer-id", "4242").consumerId().value());
        assertEquals(
                "blue-1",
                StackvaultConfig.of("consumer-id", " blue-1 ").consumerId().value());
    }

    @Test
    void configured_notAKey_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> StackvaultConfig.of("consumer-id", "a b"));
        assertThrows(IllegalArgumentException.class, () -> StackvaultConfig.of("consumer-id", "x".repeat(201)));
        assertThrows(IllegalArgumentException.class, () -> ConsumerId.of("caf\u00e9"));
    }

    @Test
    void pidsEntry_isAnIntForANumericId_asTheOriginalsPids_elseText() {
        assertEquals(4242L, ConsumerId.of("4242").pidsEntry());
        assertEquals("web-1-9-0000000a", ConsumerId.of("web-1-9-0000000a").pidsEntry());
        assertTrue(ConsumerId.of("4242").names(4242L));
        assertTrue(ConsumerId.of("4242").names("4242"));
    }
}
