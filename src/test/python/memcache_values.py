#!/usr/bin/env python3
"""python-memcached's own encoding of the values that StoredValueTest decodes.

For every case below and min_compress_len 0 (never compress) and 1 (compress whenever
zlib makes it smaller), prints one CSV row `case,min_compress_len,flags,hex` with the
(flags, bytes) that python-memcached's Client._val_to_store_info(value, min_compress_len)
hands to memcached -- exactly what a Python processor leaves in memcached.

Needs a python3 with python-memcached (e.g. Debian's python3-memcache 1.59; its
memcache.__version__ still says 1.58). Regenerate the committed fixture with

    python3 src/test/python/memcache_values.py > src/test/resources/memcache-values.csv

StoredValueTest holds the expected Java value of every case (by name): change both together.
Python 3's python-memcached never writes flag 4 (long) nor compresses ints (flag 2|8);
the test covers those with hand-written values.
"""
import collections
import os
import sys

import memcache

CASES = [
    ('bytes', b'raw \x00\xff bytes'),
    ('bytes_empty', b''),
    ('bytes_repetitive', b'abc' * 100),
    ('text_polish', '\u0141ukasz \u017b\u00f3\u0142\u0107'),
    ('text_cjk', '\u674e\u5c0f\u9f8d \u30c6\u30b9\u30c8'),
    ('text_empty', ''),
    ('text_repetitive', 'Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. ' * 20),
    ('int_zero', 0),
    ('int_small', 42),
    ('int_negative', -7),
    ('int_over_2_31', 2 ** 31 + 5),
    ('int_over_2_63', 2 ** 63 + 7),
    ('int_huge_repetitive', 10 ** 200),
    ('pickle_true', True),
    ('pickle_none', None),
    ('pickle_float', 0.25),
    ('pickle_pids', {1234, 5678}),
    ('pickle_record', {'record_id': 7, 'record_type': 'commit', 'author_name': '\u0141ukasz \u017b\u00f3\u0142\u0107',
                       'date': 2 ** 31 + 5, 'branches': {'master'}, 'merged': True, 'blueprint_id': None,
                       'ratio': 0.5, 'files': ['a.py'], 'core': ('nova', 'master')}),
    ('pickle_releases', [{'release_name': 'r%d' % i, 'end_date': 1262304000 + i} for i in range(20)]),
    ('pickle_module_group', {'id': 'openstack-official', 'module_group_name': 'openstack-official',
                             'modules': ['nova', 'glance'], 'tag': 'group',
                             'releases': collections.defaultdict(set, {'ocata': {'nova'}})}),
]


def library_version():
    """The python-memcached release loaded. 1.59 still calls itself 1.58 (memcache.__version__ and
    its package metadata); it is the first release with the text flag (16) and the last whose
    server hash turns 0 into 1, which tells it apart."""
    text_flag = hasattr(memcache.Client, '_FLAG_TEXT')
    zero_hash_is_one = memcache.cmemcache_hash(b'record:21090') == 1
    if memcache.__version__ == '1.58' and text_flag and zero_hash_is_one:
        return '1.59 (memcache.__version__ says 1.58)'
    return '%s (memcache.__version__)' % memcache.__version__


def main():
    if os.environ.get('PYTHONHASHSEED') != '0':
        os.environ['PYTHONHASHSEED'] = '0'
        os.execv(sys.executable, [sys.executable] + sys.argv)
    client = memcache.Client([])
    out = sys.stdout
    out.write('# python-memcached %s, Client._val_to_store_info; '
              'regenerate with src/test/python/memcache_values.py\n' % library_version())
    out.write('case,min_compress_len,flags,hex\n')
    for name, value in CASES:
        for min_compress_len in (0, 1):
            flags, length, data = client._val_to_store_info(value, min_compress_len)
            assert length == len(data)
            out.write('%s,%d,%d,%s\n' % (name, min_compress_len, flags, data.hex()))


if __name__ == '__main__':
    main()
