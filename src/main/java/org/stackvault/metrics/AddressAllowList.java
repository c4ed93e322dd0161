package org.stackvault.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The networks whose addresses may read the metrics: CIDR blocks such as {@code 10.0.0.0/8}
 * or {@code fc00::/7}, a bare address standing for itself. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}) is its IPv4 address. Only address literals are matched; a host
 * name is never resolved, so it is never allowed. Immutable, thread-safe.
 */
public final class AddressAllowList {
    /** Loopback and the private networks, IPv4 and IPv6 (unique local addresses). */
    public static final String PRIVATE_NETWORKS = "127.0.0.0/8,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;
    private final String spec;

    private AddressAllowList(List<Block> blocks, String spec) {
        this.blocks = List.copyOf(blocks);
        this.spec = spec;
    }

    /**
     * Parses a comma-separated list of CIDR blocks; empty allows no address.
     *
     * @throws IllegalArgumentException naming the entry that is not an address literal with a
     *     prefix length in range and no bits set past it
     */
    public static AddressAllowList of(String spec) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String cidr = entry.trim();
            if (!cidr.isEmpty()) {
                blocks.add(block(cidr));
            }
        }
        return new AddressAllowList(blocks, spec.trim());
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException(
                        "'" + cidr + "': the prefix length must be 0 to " + network.length * 8);
            }
        }
        if (!allZeroPast(network, bits)) {
            throw new IllegalArgumentException("'" + cidr + "' has address bits set past its prefix length");
        }
        return new Block(network, bits);
    }

    private static boolean allZeroPast(byte[] network, int bits) {
        for (int bit = bits; bit < network.length * 8; bit++) {
            if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (an IPv4-mapped one as IPv4), or null when it is
     * none. IPv4 is parsed here, as {@link InetAddress} would look up a malformed one as a
     * host name; text with a colon is only ever parsed as an IPv6 literal by it.
     */
    private static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the address (a literal, as {@code ServletRequest.getRemoteAddr()} gives it) is in a block. */
    public boolean allows(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return spec;
    }
}
