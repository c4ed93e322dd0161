#!/usr/bin/env python3
"""Which memcached server python-memcached picks for a key: the fixture of PythonMemcachedHashTest.

Needs a python3 with python-memcached 1.59 (e.g. Debian's python3-memcache 1.59; its
memcache.__version__ still says 1.58). Regenerate the committed fixture with

    python3 src/test/python/server_mapping_fixture.py > src/test/resources/server-mapping.csv

Columns: key, servers (how many), server_index_1_59, server_index_1_60 (0-based, in the
configured order).

The indexes come from the library itself: a memcache.Client over 2, 3 and 5 servers
(never contacted: each host's connect() is replaced so that it reports "alive"), asked
through its own Client._get_server(), which hashes with memcache.serverHashFunction and
picks buckets[hash % len(buckets)].

- server_index_1_59: the installed library as it is (cmemcache_hash with `or 1`).
- server_index_1_60: the same client with serverHashFunction replaced by python-memcached
  1.60's cmemcache_hash, `((binascii.crc32(key) & 0xffffffff) >> 16) & 0x7fff` (1.60 only
  dropped the `or 1`; _get_server is unchanged). Checked against the installed function:
  both agree on every key whose hash is not 0.

Keys: record:0..2999, the record:/update:/user: keys below 200000 whose hash is 0 (where
the two versions disagree, e.g. record:21090), and user:, update:, pid: and non-ASCII keys.
"""
import binascii
import sys

import memcache

SERVER_COUNTS = (2, 3, 5)


def hash_1_60(key):
    return ((binascii.crc32(key) & 0xffffffff) >> 16) & 0x7fff


def keys():
    out = ['record:%d' % i for i in range(3000)]
    out += ['record:count', 'update:count', 'user:count', 'pids', 'releases', 'module_groups',
            'project_types', 'repos', 'companies', 'runtime_storage_update_time']
    for prefix in ('record:', 'update:', 'user:'):
        zero = [prefix + str(i) for i in range(200000) if hash_1_60((prefix + str(i)).encode()) == 0]
        out += zero[:12]
    out += ['update:%d' % i for i in range(0, 2000, 37)]
    out += ['user:%d' % i for i in range(0, 5000, 97)]
    out += ['pid:%d' % pid for pid in (1, 1234, 4242, 31337, 65535)]
    out += ['user:' + s for s in ('jdoe', 'jdoe@example.com', 'j\u00f6rg@example.com', '\u0142ukasz.\u017c\u00f3\u0142\u0107@example.pl',
                                  '\u674e\u5c0f\u9f8d@example.cn', 'zhang-san', 'launchpad-id_42', 'o\'brien@example.ie',
                                  'ren\u00e9e@example.fr', '\u00e9\u00e8\u00ea')]
    seen = set()
    unique = []
    for k in out:
        assert ',' not in k and '"' not in k and k not in seen, k
        seen.add(k)
        unique.append(k)
    return unique


def server_index(client, key):
    server, _ = client._get_server(client._encode_key(key))
    return next(i for i, s in enumerate(client.servers) if s is server)


def main():
    clients = {}
    for n in SERVER_COUNTS:
        client = memcache.Client(['127.0.0.1:%d' % (21000 + i) for i in range(n)])
        for host in client.servers:
            host.connect = lambda: 1
        clients[n] = client
    installed = memcache.serverHashFunction
    out = sys.stdout
    out.write('key,servers,server_index_1_59,server_index_1_60\n')
    for key in keys():
        encoded = key.encode('utf-8')
        assert installed(encoded) == (hash_1_60(encoded) or 1), key  # the installed library is the 1.59 form
        for n in SERVER_COUNTS:
            memcache.serverHashFunction = installed
            index_1_59 = server_index(clients[n], key)
            memcache.serverHashFunction = hash_1_60
            index_1_60 = server_index(clients[n], key)
            memcache.serverHashFunction = installed
            out.write('%s,%d,%d,%d\n' % (key, n, index_1_59, index_1_60))


if __name__ == '__main__':
    main()
