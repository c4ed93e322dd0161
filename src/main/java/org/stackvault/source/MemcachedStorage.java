package org.stackvault.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import net.spy.memcached.CachedData;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.BulkFuture;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.transcoders.Transcoder;

/**
 * The runtime storage in one or several memcached servers, read through spymemcached the
 * way python-memcached wrote it: same key-to-server mapping (python-memcached's CRC hash,
 * array-modulo over the servers in the writer's order), same value flags.
 *
 * <p>A dead or stalled server fails the read ({@link StorageException}) instead of turning
 * into silent misses: the failure mode is {@code Cancel}, every wait has a timeout. A host
 * name that does not resolve fails reads too, until it resolves: the client is created on
 * the first read that can resolve every server. Thread-safe; values are decoded on the
 * calling thread, so callers can decode in parallel.
 */
public final class MemcachedStorage implements RuntimeStorage {
    private static final Logger LOG = Logger.getLogger(MemcachedStorage.class.getName());
    /** Keys per bulk get: small enough for memcached's reply buffers, big enough to pipeline. */
    static final int BULK_CHUNK = 500;
    /** Bulk gets in flight per call. */
    private static final int WINDOW = 8;

    private static final String SPY_LOGGER_PROPERTY = "net.spy.log.LoggerImpl";

    private final List<String> servers;
    private final PythonMemcachedHash hash;
    private final long timeoutMillis;
    private final int maxValueBytes;
    private final String description;
    private final Object connecting = new Object();
    /** Null until every server's host name resolves (DNS may come up after the WAR). */
    private volatile MemcachedClient client;

    private volatile boolean closed;

    private MemcachedStorage(List<String> servers, long timeoutMillis, int maxValueBytes, PythonMemcachedHash hash) {
        this.servers = servers;
        this.hash = hash;
        this.timeoutMillis = timeoutMillis;
        this.maxValueBytes = maxValueBytes;
        this.description = "memcached " + String.join(",", servers) + " (python-memcached "
                + (hash == PythonMemcachedHash.V1_59 ? "1.59" : "1.60") + " hash)";
    }

    /**
     * Connects. Never fails for an unreachable or unresolvable server: that shows as failed
     * reads (a {@link StorageException} naming the cause), and the next read tries again.
     *
     * @param servers       {@code host:port} in the order the processor was configured with
     * @throws IllegalArgumentException when a server is not of the form {@code host:port}
     */
    public static MemcachedStorage connect(
            List<String> servers, PythonMemcachedHash hash, long timeoutMillis, int maxValueBytes) {
        List<String> normalized = new ArrayList<>();
        for (String server : servers) {
            InetSocketAddress a = parseAddress(server);
            normalized.add(a.getHostString() + ":" + a.getPort());
        }
        MemcachedStorage storage = new MemcachedStorage(List.copyOf(normalized), timeoutMillis, maxValueBytes, hash);
        try {
            storage.client();
        } catch (StorageException e) {
            LOG.warning(() -> e.getMessage() + "; reads fail until it resolves");
        }
        return storage;
    }

    /** The client, created on first use once every host name resolves. */
    private MemcachedClient client() {
        MemcachedClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (connecting) {
            if (closed) {
                throw new StorageException("memcached storage is closed");
            }
            if (client == null) {
                client = open();
            }
            return client;
        }
    }

    private MemcachedClient open() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String server : servers) {
            InetSocketAddress unresolved = parseAddress(server);
            // resolves now; spymemcached would throw UnresolvedAddressException from its constructor
            InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
            if (address.isUnresolved()) {
                throw new StorageException(
                        "cannot resolve memcached host '" + unresolved.getHostString() + "' (" + server + ")");
            }
            addresses.add(address);
        }
        ConnectionFactoryBuilder builder = new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
                .setLocatorType(ConnectionFactoryBuilder.Locator.ARRAY_MOD)
                .setHashAlg(hash)
                .setFailureMode(FailureMode.Cancel)
                .setOpTimeout(timeoutMillis)
                .setTimeoutExceptionThreshold(8)
                .setMaxReconnectDelay(5)
                // a stalled server's full queue refuses new reads after this, not after 10 s
                .setOpQueueMaxBlockTime(timeoutMillis)
                .setDaemon(true);
        routeSpymemcachedLogging();
        try {
            MemcachedClient created = new MemcachedClient(builder.build(), addresses);
            awaitConnections(created, addresses.size(), timeoutMillis);
            return created;
        } catch (IOException | RuntimeException e) {
            throw new StorageException("cannot create memcached client for " + servers + ": " + rootMessage(e), e);
        }
    }

    /**
     * Sends spymemcached's logging through SLF4J (bound to java.util.logging) instead of
     * stderr: its java.util.logging adapter builds a stack trace for every debug call, even
     * with debug off. spymemcached reads its logger class only from a system property, once,
     * when its LoggerFactory (one per class loader: this web application's copy) makes its
     * first logger. So the property is set only for that first call and removed again: another
     * application in the JVM could see it only during that one call (system properties are
     * global; this lock is not). An operator's own setting is left alone.
     */
    private static void routeSpymemcachedLogging() {
        synchronized (MemcachedStorage.class) {
            if (System.getProperty(SPY_LOGGER_PROPERTY) != null) {
                return;
            }
            System.setProperty(SPY_LOGGER_PROPERTY, "net.spy.memcached.compat.log.SLF4JLogger");
            try {
                net.spy.memcached.compat.log.LoggerFactory.getLogger(MemcachedStorage.class);
            } finally {
                System.clearProperty(SPY_LOGGER_PROPERTY);
            }
        }
    }

    /**
     * Waits (at most {@code timeoutMillis}) until every server is connected: in Cancel
     * mode an operation for a server still connecting is cancelled at once. A server that
     * stays unreachable is not an error here; reads fail until it answers.
     */
    private static void awaitConnections(MemcachedClient client, int servers, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (client.getAvailableServers().size() < servers && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Parses {@code host:port} without resolving the host. */
    static InetSocketAddress parseAddress(String server) {
        String s = server.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("memcached server must be host:port, not '" + server + "'");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memcached server must be host:port, not '" + server + "'");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("memcached port out of range in '" + server + "'");
        }
        return InetSocketAddress.createUnresolved(s.substring(0, colon), port);
    }

    @Override
    public Object get(String key) {
        Map<String, Object> one = getMulti(List.of(key));
        return one.get(key);
    }

    @Override
    public Map<String, Object> getMulti(Collection<String> keys, UndecodableHandler onUndecodable) {
        MemcachedClient client = client();
        Map<String, Object> result = new HashMap<>(keys.size() * 4 / 3 + 1);
        List<String> chunk = new ArrayList<>(BULK_CHUNK);
        List<BulkFuture<Map<String, StoredValue>>> inFlight = new ArrayList<>(WINDOW);
        for (String key : keys) {
            if (!isValidKey(key)) {
                continue; // python-memcached could not have stored it either
            }
            chunk.add(key);
            if (chunk.size() == BULK_CHUNK) {
                List<String> keysOfChunk = chunk;
                inFlight.add(send("read", inFlight, () -> client.asyncGetBulk(keysOfChunk, RAW)));
                chunk = new ArrayList<>(BULK_CHUNK);
                if (inFlight.size() == WINDOW) {
                    drain(inFlight, result, onUndecodable);
                }
            }
        }
        if (!chunk.isEmpty()) {
            List<String> keysOfChunk = chunk;
            inFlight.add(send("read", inFlight, () -> client.asyncGetBulk(keysOfChunk, RAW)));
        }
        drain(inFlight, result, onUndecodable);
        return result;
    }

    /**
     * Queues one operation. spymemcached refuses to (IllegalStateException) when the client
     * is shutting down or, after {@code timeoutMillis}, when a stalled server's queue is full:
     * a storage failure, and the operations of this call already sent are cancelled.
     */
    private static <F> F send(String what, List<? extends Future<?>> sent, Supplier<F> operation) {
        try {
            return operation.get();
        } catch (IllegalStateException refused) {
            sent.forEach(future -> future.cancel(true));
            throw new StorageException("memcached " + what + " not sent: " + rootMessage(refused), refused);
        }
    }

    private void drain(
            List<BulkFuture<Map<String, StoredValue>>> inFlight,
            Map<String, Object> result,
            UndecodableHandler onUndecodable) {
        PickleCodec.Reader reader = new PickleCodec.Reader();
        try {
            for (BulkFuture<Map<String, StoredValue>> future : inFlight) {
                Map<String, StoredValue> raw = await(future);
                OperationStatus status = future.getStatus();
                // a key that is absent is a miss, not a failure
                if (!status.isSuccess() && status.getStatusCode() != StatusCode.ERR_NOT_FOUND) {
                    throw new StorageException("memcached bulk get failed: " + status.getMessage());
                }
                for (Map.Entry<String, StoredValue> e : raw.entrySet()) {
                    try {
                        result.put(e.getKey(), e.getValue().decode(maxValueBytes, reader));
                    } catch (UndecodableValueException error) {
                        onUndecodable.undecodable(e.getKey(), error);
                    }
                }
            }
        } finally {
            for (BulkFuture<?> future : inFlight) {
                if (!future.isDone()) {
                    future.cancel(true);
                }
            }
            inFlight.clear();
        }
    }

    private <T> T await(Future<T> future) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StorageException(
                    "memcached did not answer within " + timeoutMillis + " ms (" + String.join(",", servers) + ")", e);
        } catch (ExecutionException e) {
            throw new StorageException("memcached read failed: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while reading memcached", e);
        } catch (RuntimeException e) {
            throw new StorageException("memcached read failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void set(String key, Object value) {
        setMulti(Map.of(key, value), 0);
    }

    /** Stores many pairs, pipelined; fails if any set is not acknowledged. */
    public void setMulti(Map<String, ?> values, int minCompressLen) {
        MemcachedClient client = client();
        List<Future<Boolean>> pending = new ArrayList<>(values.size());
        List<String> keys = new ArrayList<>(values.size());
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!isValidKey(e.getKey())) {
                throw new IllegalArgumentException("not a valid memcached key: " + e.getKey());
            }
            keys.add(e.getKey());
            StoredValue encoded = StoredValue.encode(e.getValue(), minCompressLen);
            pending.add(send("write", pending, () -> client.set(e.getKey(), 0, encoded, RAW)));
        }
        for (int i = 0; i < pending.size(); i++) {
            Boolean ok = await(pending.get(i));
            if (!Boolean.TRUE.equals(ok)) {
                throw new StorageException("memcached refused to store " + keys.get(i));
            }
        }
    }

    @Override
    public void delete(String key) {
        MemcachedClient client = client();
        await(send("delete", List.of(), () -> client.delete(key)));
    }

    /** memcached's text protocol: at most 250 bytes, no whitespace or control characters. */
    static boolean isValidKey(String key) {
        if (key.isEmpty() || key.length() > 250) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 250;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        synchronized (connecting) {
            closed = true;
            if (client != null) {
                client.shutdown(2, TimeUnit.SECONDS);
            }
        }
    }

    /** Hands values through as flags + bytes; decoding is ours (python-memcached's flags). */
    private static final Transcoder<StoredValue> RAW = new Transcoder<>() {
        @Override
        public boolean asyncDecode(CachedData d) {
            return false;
        }

        @Override
        public CachedData encode(StoredValue o) {
            return new CachedData(o.flags(), o.data(), Integer.MAX_VALUE);
        }

        @Override
        public StoredValue decode(CachedData d) {
            return new StoredValue(d.getFlags(), d.getData());
        }

        @Override
        public int getMaxSize() {
            return Integer.MAX_VALUE;
        }
    };
}
