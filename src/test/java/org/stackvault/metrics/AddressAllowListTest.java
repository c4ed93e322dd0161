package org.stackvault.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressAllowListTest {
    private static final AddressAllowList DEFAULT = AddressAllowList.of(AddressAllowList.PRIVATE_NETWORKS);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "192.168.255.255",
                "::1",
                "0:0:0:0:0:0:0:1",
                "[::1]",
                "fc00::1",
                "fd12:3456:789a::1",
                "::ffff:10.1.2.3",
                "::ffff:127.0.0.1"
            })
    void defaultList_allowsLoopbackAndPrivateNetworks(String address) {
        assertTrue(DEFAULT.allows(address), address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "11.0.0.1",
                "9.255.255.255",
                "172.15.255.255",
                "172.32.0.1",
                "192.167.255.255",
                "192.169.0.1",
                "128.0.0.1",
                "0.0.0.0",
                "2001:db8::1",
                "fe80::1",
                "fbff::1",
                "fe00::1",
                "::ffff:8.8.8.8",
                "::",
                "localhost",
                "example.com",
                "evil.example:80",
                "10.0.0.256",
                "10.0.0",
                "",
                "not an address"
            })
    void defaultList_refusesPublicAddressesAndAnythingButALiteral(String address) {
        assertFalse(DEFAULT.allows(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0.1/8", "fc01::/7", "host/8"})
    void of_badBlock_throwsNamingIt(String block) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressAllowList.of(block));
        assertTrue(e.getMessage().contains(block), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void of_emptyList_allowsNoAddress_andSingleAddressesStandForThemselves() {
        assertFalse(AddressAllowList.of("").allows("127.0.0.1"));
        AddressAllowList two = AddressAllowList.of(" 203.0.113.7 , 2001:db8::5 ");
        assertTrue(two.allows("203.0.113.7"));
        assertFalse(two.allows("203.0.113.8"));
        assertTrue(two.allows("2001:db8:0:0:0:0:0:5"));
        assertFalse(two.allows("2001:db8::6"));
        assertTrue(AddressAllowList.of("0.0.0.0/0,::/0").allows("198.51.100.1"));
        assertEquals("203.0.113.7 , 2001:db8::5", two.toString());
    }
}
