#!/usr/bin/env python3
"""Pickle fixtures of the source-layer tests (PickleCodecTest, DumpFileTest).

Regenerate the committed fixtures (from the project root, any CPython >= 3.8):

    python3 src/test/python/pickle_fixtures.py

which rewrites src/test/resources/pickles/*.pickle. The script re-executes itself with
PYTHONHASHSEED=0 so that sets are written in a stable order and the files stay
byte-identical between runs.

The tests also call it while they run, where a python3 is available:

    python3 src/test/python/pickle_fixtures.py --emit record 5    # one pickle on stdout
    python3 src/test/python/pickle_fixtures.py --emit dump 0      # a dump on stdout

The Java tests hold the expected values written out by hand (SourceSamples.java):
change both together.
"""
import collections
import io
import os
import pickle
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'resources', 'pickles')


def sample_record():
    """Every Python type the processor stores, in one record-like dict."""
    return {
        'author_name': '\u0141ukasz \u017b\u00f3\u0142\u0107',   # Łukasz Żółć
        'title': '\u674e\u5c0f\u9f8d \u30c6\u30b9\u30c8',       # 李小龍 テスト
        'emoji': 'ok \U0001F600',
        'escapes': 'a\\b\n\'"\r\x00',
        'loc': 42,
        'delta': -7,
        'date': 2 ** 31 + 5,
        'max_long': 2 ** 63 - 1,
        'min_long': -2 ** 63,
        'huge': 2 ** 63 + 7,
        'negative_huge': -2 ** 70,
        'merged': True,
        'abandoned': False,
        'blueprint_id': None,
        'ratio': 0.25,
        'files': ['a.py', 'b.py'],
        'core': ('nova', 'master'),
        'branches': {'master', 'stable/ocata'},
        'nested': {'inner': {'n': 1, 'ids': [1, 2]}},
        'raw': b'\x00\xc5\x81\xff',
        'releases': collections.defaultdict(set, {'ocata': {'nova', 'glance'}, 'pike': set()}),
        'by_id': {1: 'one', 2 ** 40: 'big'},
    }


def sample_dump_pairs():
    """(key, value) pairs as stackalytics-dump writes them; one key is UTF-8 bytes."""
    return [
        ('record:count', 2),
        ('record:0', {'record_id': 0, 'record_type': 'commit', 'author_name': '\u0141ukasz \u017b\u00f3\u0142\u0107',
                      'date': 1276680378, 'branches': {'master'}, 'loc': 15}),
        ('record:1', {'record_id': 1, 'record_type': 'mark', 'value': -1, 'type': 'Code-Review',
                      'disagreement': False, 'date': 2 ** 31 + 1}),
        (b'user:j\xc3\xb6rg@example.com', {'user_id': 'jorg', 'emails': ['j\u00f6rg@example.com'],
                                           'companies': [{'company_name': '*independent', 'end_date': 0}]}),
        ('pids', {1234, 5678}),
        ('releases', [{'release_name': 'prehistory', 'end_date': 1262304000},
                      {'release_name': 'ocata', 'end_date': 1487203200}]),
        ('module_groups', {'openstack-official': {
            'id': 'openstack-official', 'module_group_name': 'openstack-official', 'modules': ['nova'],
            'tag': 'group', 'releases': collections.defaultdict(set, {'ocata': {'nova'}})}}),
        ('runtime_storage_update_time', 1569801600),
    ]


def dump_bytes(protocol):
    out = io.BytesIO()
    for pair in sample_dump_pairs():
        pickle.dump(pair, out, protocol=protocol)
    return out.getvalue()


# --- Python 2 pickles, assembled by hand --------------------------------------------
# A Python 2 processor pickles byte strings (`str`) with STRING (protocol 0), and
# SHORT_BINSTRING / BINSTRING (protocol 2); names hold UTF-8 inside them.

NAME_UTF8 = '\u0141ukasz \u017b\u00f3\u0142\u0107'.encode('utf-8')
MESSAGE_UTF8 = ('Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. ' * 12).encode('utf-8')  # > 255 bytes


def py2_string_literal(b):
    """Python 2's repr() of a byte string, as protocol 0 writes it after S."""
    quote = b'"' if b"'" in b and b'"' not in b else b"'"
    body = b''
    for c in b:
        ch = bytes([c])
        if ch == b'\\' or ch == quote:
            body += b'\\' + ch
        elif ch == b'\n':
            body += b'\\n'
        elif ch == b'\r':
            body += b'\\r'
        elif ch == b'\t':
            body += b'\\t'
        elif c < 0x20 or c >= 0x7f:
            body += b'\\x%02x' % c
        else:
            body += ch
    return b'S' + quote + body + quote + b'\n'


def py2_record_protocol0():
    s = py2_string_literal
    return b''.join([
        b'(dp0\n',
        s(b'author_name'), b'p1\n', s(NAME_UTF8), b'p2\n', b's',
        s(b'loc'), b'I42\n', b's',
        s(b'date'), b'L2147483653L\n', b's',
        s(b'merged'), b'I01\n', b's',
        s(b'blueprint_id'), b'N', b's',
        s(b'branches'), b'c__builtin__\nset\n((l', s(b'master'), b'a', s(b'stable/ocata'), b'atR', b's',
        # a Python 2 `unicode`: raw-unicode-escape, U+00E9 as the raw Latin-1 byte; never re-decoded
        s(b'title'), b'V\\u674e\\u5c0f\\u9f8d caf\xe9\n', b's',
        s(b'quote'), s(b"it's"), b's',
        s(b'binary'), s(b'\xff\xfe'), b's',                  # not UTF-8: stays as Latin-1 text
        s(b'author_name_again'), b'g2\n', b's',            # memo reference to the name
        b'.',
    ])


def short_binstring(b):
    assert len(b) < 256
    return b'U' + bytes([len(b)]) + b


def binstring(b):
    return b'T' + struct.pack('<i', len(b)) + b


def binunicode(text):
    b = text.encode('utf-8')
    return b'X' + struct.pack('<I', len(b)) + b


def py2_record_protocol2():
    u = short_binstring
    return b''.join([
        b'\x80\x02}q\x00(',
        u(b'author_name'), u(NAME_UTF8), b'q\x01',
        u(b'loc'), b'K\x2a',
        u(b'date'), b'\x8a\x05\x05\x00\x00\x80\x00',          # LONG1 2**31 + 5
        u(b'merged'), b'\x88',
        u(b'blueprint_id'), b'N',
        u(b'branches'), b'c__builtin__\nset\n](', u(b'master'), u(b'stable/ocata'), b'e\x85R',
        u(b'message'), binstring(MESSAGE_UTF8),
        u(b'title'), binunicode('\u674e\u5c0f\u9f8d caf\u00e9'),
        u(b'releases'), b'ccollections\ndefaultdict\nc__builtin__\nset\n\x85R(',
        u(b'ocata'), b'c__builtin__\nset\n](', u(b'nova'), u(b'glance'), b'e\x85R',
        b'u',
        u(b'binary'), u(b'\xff\xfe'),
        u(b'author_name_again'), b'h\x01',
        b'u.',
    ])


def py2_expected_as_bytes():
    """What CPython 3 reads from both Python 2 pickles with encoding='bytes' (a self-check)."""
    common = {
        b'author_name': NAME_UTF8, b'loc': 42, b'date': 2 ** 31 + 5, b'merged': True, b'blueprint_id': None,
        b'branches': {b'master', b'stable/ocata'}, b'binary': b'\xff\xfe', b'author_name_again': NAME_UTF8,
    }
    p0 = dict(common)
    p0.update({b'title': '\u674e\u5c0f\u9f8d caf\u00e9', b'quote': b"it's"})
    p2 = dict(common)
    p2.update({b'title': '\u674e\u5c0f\u9f8d caf\u00e9', b'message': MESSAGE_UTF8,
               b'releases': collections.defaultdict(set, {b'ocata': {b'nova', b'glance'}})})
    return p0, p2


def fixtures():
    p0, p2 = py2_record_protocol0(), py2_record_protocol2()
    e0, e2 = py2_expected_as_bytes()
    assert pickle.loads(p0, encoding='bytes') == e0, pickle.loads(p0, encoding='bytes')
    assert pickle.loads(p2, encoding='bytes') == e2, pickle.loads(p2, encoding='bytes')
    files = {'py2-record-protocol0.pickle': p0, 'py2-record-protocol2.pickle': p2}
    for protocol in (0, 2, 4):
        data = pickle.dumps(sample_record(), protocol=protocol)
        assert pickle.loads(data) == sample_record()
        files['record-protocol%d.pickle' % protocol] = data
        files['dump-protocol%d.pickle' % protocol] = dump_bytes(protocol)
    return files


def main(argv):
    if os.environ.get('PYTHONHASHSEED') != '0':
        os.environ['PYTHONHASHSEED'] = '0'
        os.execv(sys.executable, [sys.executable] + argv)
    if len(argv) == 4 and argv[1] == '--emit':
        what, protocol = argv[2], int(argv[3])
        if what == 'record':
            data = pickle.dumps(sample_record(), protocol=protocol)
        elif what == 'dump':
            data = dump_bytes(protocol)
        else:
            raise SystemExit('unknown fixture ' + what)
        sys.stdout.buffer.write(data)
        return
    if len(argv) != 1:
        raise SystemExit(__doc__)
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(fixtures().items()):
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(data)
        print('%-30s %5d bytes' % (name, len(data)))


if __name__ == '__main__':
    main(sys.argv)
