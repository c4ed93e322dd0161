package org.stackvault.source;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import net.spy.memcached.HashAlgorithm;

/**
 * python-memcached's key-to-server hash: {@code ((crc32(utf8(key)) & 0xffffffff) >> 16) & 0x7fff},
 * and, up to python-memcached 1.59, {@code h or 1} (a zero hash becomes 1). The server is
 * then {@code h % n} over the configured servers in order (spymemcached's ARRAY_MOD locator).
 *
 * <p>spymemcached's own CRC_HASH equals the 1.60 form; the 1.59 form is the default here
 * because it is what most Stackalytics deployments (and Debian) run. Stateless.
 */
public enum PythonMemcachedHash implements HashAlgorithm {
    /** python-memcached up to 1.59: {@code h or 1}. */
    V1_59 {
        @Override
        public long hash(String key) {
            long h = crcHash(key);
            return h == 0 ? 1 : h;
        }
    },
    /** python-memcached 1.60 and later. */
    V1_60 {
        @Override
        public long hash(String key) {
            return crcHash(key);
        }
    };

    static long crcHash(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() >> 16) & 0x7fff;
    }

    /** Parses "1.59" / "1.60" (configuration value). */
    public static PythonMemcachedHash of(String version) {
        return switch (version.trim()) {
            case "1.59", "V1_59", "legacy" -> V1_59;
            case "1.60", "V1_60" -> V1_60;
            default -> throw new IllegalArgumentException("python-memcached hash must be 1.59 or 1.60, not " + version);
        };
    }
}
