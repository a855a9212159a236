#!/usr/bin/env python3
"""Writes the committed seed corpora (fuzz/corpus/<target>/) and the regression inputs
(fuzz/regressions/<target>/). Run from the repository root: python3 fuzz/make_seeds.py.
The input layouts are described at the top of each fuzz/fuzz_<target>.c."""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)))


def write(kind, target, name, data):
    d = os.path.join(ROOT, kind, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def seed(target, name, data):
    write('corpus', target, name, data)


# ---- shopsetup_fuzz_i64() / shopsetup_fuzz_bytes() encodings
def small(v):            # 0..31
    assert 0 <= v < 32
    return bytes([v << 3])


def num(v):              # small, 16-bit or any int64, whichever fits
    if 0 <= v < 32:
        return small(v)
    if 0 <= v < 65536:
        return bytes([4]) + struct.pack('>H', v)
    return any64(v)


def any64(v):            # any int64, 8 bytes big-endian
    return bytes([7]) + struct.pack('>q', v)


def near_max(d):         # INT64_MAX - d, d < 256
    return bytes([6, d])


def lp(s, maxlen=255):   # length-prefixed bytes
    if isinstance(s, str):
        s = s.encode('utf-8')
    assert len(s) <= maxlen
    return bytes([len(s)]) + s


# ---- utf8
for name, s in {
    'ascii': b'Jean Dupont, 12 rue de la Paix',
    'latin1-supplement': 'Élodie Müller-Lüdenscheidt'.encode(),
    'cjk': '日本語のテキスト'.encode(),
    'emoji-4byte': 'smile 😀 ok'.encode(),
    'overlong-slash': b'a\xc0\xafb',
    'overlong-3byte': b'\xe0\x80\xaf',
    'surrogate': b'x\xed\xa0\x80y',
    'above-10ffff': b'\xf4\x90\x80\x80',
    'truncated-end': b'euro \xe2\x82',
    'lone-continuation': b'ab\x80cd',
    'c0-controls': b'tab\tok\x01bad\x1f',
    'c1-control-nel': 'next\u0085line'.encode(),
    'del': b'del\x7f',
    'nul': b'a\x00b',
    'max-code-point': '\U0010ffff'.encode(),
    'f5-lead': b'\xf5\x80\x80\x80',
}.items():
    seed('utf8', name, s)

# ---- params
for name, s in {
    'readme-example': 'coursename=SPOC-M1&endtime=+30D&supervisor=editingteacher',
    'empty-pairs': 'a=1&&b=2&',
    'flag': 'autoenrolsupervisor&coursename=X',
    'escapes': 'groupname=%7Borderref%7D%20%26%20co&k=%41%62',
    'bad-escape': 'k=%zz',
    'short-escape': 'k=%4',
    'escaped-nul': 'k=a%00b',
    'raw-nul': b'k=a\x00b',
    'empty-key': '=value',
    'duplicate-key': 'a=1&a=2',
    'utf8-escaped': 'k=caf%C3%A9',
    'utf8-broken-escape': 'k=caf%C3',
    'utf8-raw-invalid': b'k=\xff\xfe',
    'equals-in-value': 'k=a=b=c',
    'all-keys': 'coursename=C&supervisor=s&tutorrole=t&mirrorrole=&requiredroles=teacher,supervisor'
                '&starttime=1700000000&endtime=+12H&duration=30&autoenrolsupervisor=no&customersupport=7'
                '&groupname={course}-{orderref}',
}.items():
    seed('params', name, s)

# ---- email
for name, s in {
    'plain': 'user@example.com',
    'upper': 'Jean.Dupont@Example.COM',
    'plus-sub': 'a.b+c@sub.example.co.uk',
    'quoted': '"john doe"@example.com',
    'quoted-escape': '"a\\"b\\\\c"@x.com',
    'ipv4-literal': 'user@[127.0.0.1]',
    'ipv6-full': 'user@[IPv6:2001:db8:0:0:0:0:0:1]',
    'ipv6-compressed': 'user@[IPv6:2001:db8::1]',
    'ipv6-v4': 'user@[IPv6:::ffff:192.0.2.1]',
    'idn': 'x@xn--bcher-kva.ch',
    'local-64': 'a' * 64 + '@x.com',
    'local-65': 'a' * 65 + '@x.com',
    'label-63': 'u@' + 'h' * 63 + '.com',
    'label-64': 'u@' + 'h' * 64 + '.com',
    'no-tld': 'a@b',
    'double-dot': 'a..b@x.com',
    'angle': '<a@x.com>',
    'crlf': 'a@x.com\r\n',
    'eight-quoted-words': '.'.join(['"a"'] * 8) + '@x.com',
    'long-320': 'a' * 60 + '@' + '.'.join(['h' * 60] * 4) + '.' + 'c' * 15,
    'numeric-tld': 'a@x.123',
    'hyphen-label': 'a@x--y.example-.com',
}.items():
    seed('email', name, s)

# ---- username: ntaken, taken names, then (first, last, email) triples, 0xFF between fields
FF = b'\xff'


def fields(*parts):
    return FF.join(p.encode() if isinstance(p, str) else p for p in parts)


seed('username', 'simple', bytes([0]) + fields('Jean', 'Dupont', 'jean@x.com'))
seed('username', 'collisions', bytes([2]) + fields('jean.dupont', 'Jean.Dupont1', 'Jean', 'Dupont', 'a@x.com',
                                                    'Jean', 'Dupont', 'b@x.com', 'JEAN', 'DUPONT', 'c@x.com'))
seed('username', 'accents', bytes([1]) + fields('élodie.martin', 'Élodie', 'Martin', 'e@x.com',
                                               'Nguyễn Văn', 'An', 'n@x.com', 'Łukasz', 'Żółć', 'l@x.com'))
seed('username', 'apostrophes-hyphens', bytes([0]) + fields("O'Brien", 'Smith – Jones', 'o@x.com',
                                                            ' -Anne- ', '.Marie.', 'am@x.com'))
seed('username', 'non-latin-falls-back-to-email', bytes([0]) + fields('山田', '太郎', 'Taro.Yamada@x.jp',
                                                                       '', '', '', 'Ωμέγα', '', '"q"@x.com'))
seed('username', 'long-names', bytes([0]) + fields('a' * 120, 'b' * 120, 'l@x.com', 'c' * 93 + '-', 'd', 'x@y.z'))
seed('username', 'invalid-utf8', bytes([1]) + fields(b'\xc3(', b'\xe2\x82', 'i@x.com', b'user', b'\xff\xfe', ''))

# ---- config: mode, now, coursestart, renewable, orderref, courseshortname, then the parameters
NOW = any64(1700000000)


def config(params, mode=0, now=NOW, start=small(0), renewable=0, orderref='TX-42', course='SPOC-M1', delegation=None):
    head = bytes([mode | (2 if delegation is not None else 0)]) + now + start + bytes([renewable]) + lp(orderref, 64) + lp(course, 64)
    if delegation is not None:
        head += lp(delegation, 64)
    return head + (params.encode() if isinstance(params, str) else params)


seed('config', 'minimal', config('coursename=C'))
seed('config', 'readme', config('coursename=SPOC-M1&endtime=+30D&supervisor=editingteacher'))
seed('config', 'renewable-duration', config('coursename=C&duration=30', renewable=1))
seed('config', 'absolute-end', config('coursename=C&starttime=1700000000&endtime=1800000000'))
seed('config', 'end-before-start', config('coursename=C&starttime=1700000000&endtime=1600000000'))
seed('config', 'relative-hours', config('coursename=C&endtime=+12H&duration=3'))
seed('config', 'roles', config('coursename=C&requiredroles=teacher, supervisor,,student,teacher'))
seed('config', 'groupname', config('coursename=C&groupname={course} / {orderref}'))
seed('config', 'delegation-block', config('coursename=C&supervisor=editingteacher', delegation=' courseowner '))
seed('config', 'crossrole-named', config('coursename=C&crossrole=manager', delegation='courseowner'))
seed('config', 'groupname-unknown', config('coursename=C&groupname={nope}'))
seed('config', 'flags', config('coursename=C&autoenrolsupervisor=off&mirrorrole=&customersupport='))
seed('config', 'unknown-keys', config('coursename=C&colour=blue&caf%C3%A9=1'))
seed('config', 'missing-coursename', config('supervisor=x'))
seed('config', 'raw-pairs', config(fields('coursename', 'C', 'groupname', b'\xc3\xa9{course}', 'x\x00y', 'z'), mode=1))
seed('config', 'course-later-than-now', config('coursename=C&duration=10', start=any64(1800000000), renewable=1))

# ---- plan: see the layout in fuzz/fuzz_plan.c


def plan(flags, people, facts=None, strings=None, nbuckets=3, buckets=b'', answers=b'', supervise=b'\x00'):
    facts = facts or [num(v) for v in (2, 20, 3, 7, 70, 1, 1700000000, 1731536000, 1700000000, 2, 4, 5, 9, 11, 13, 2, 1, 0, 1, 0,
                                       7200)]
    strings = strings or [lp(s) for s in ('shopsetup-TX42', 'TX42', 'Group of TX42', 'TX42', 'fr', 'FR', 'manual',
                                          'SPOC-M1', 'std_setuponecoursesession', 'gregorian')]
    # supervise: mode in bits 0-1 ("", unprivileged, none, all), bit 2 raw bytes, bits 3-5 privileged ids that follow
    out = bytes([flags, len(people)]) + b''.join(facts) + b''.join(strings) + supervise + bytes([nbuckets - 1]) + buckets
    for p in people:
        out += p
    return out + answers


def person(bucket, email_shape, first, last, city='Paris', inst='ACME', phone='0102030405'):
    return bytes([bucket, email_shape]) + lp(first) + lp(last) + lp(city) + lp(inst) + lp(phone)


# email shapes (shopsetup_fuzz_email): bits 4-6 the user number, bit 3 "User", bit 2 leading space, 2-3 the domain
alice = person(0, 0x00, 'Alice', 'Martin')
bob = person(1, 0x10, 'Bob', 'Durand')
carol = person(2, 0x20, 'Élodie', "O'Brien")
alice_again = person(1, 0x08, 'Alice', 'Martin')     # "User0@example.com": the same person, other bucket
seed('plan', 'happy-path-three-buckets', plan(1, [alice, bob, carol]))
seed('plan', 'same-person-two-buckets', plan(1, [alice, bob, alice_again]))
seed('plan', 'repeat-in-bucket', plan(1, [alice, person(0, 0x04, 'Alicia', 'M'), bob]))
seed('plan', 'invalid-rows', plan(1, [person(0, 0x03, 'X', 'Y') + b'', person(0, 0x00, '', '\x01'), bob]))
seed('plan', 'no-operator-enrolment', plan(1 | 2, [alice, bob]))
seed('plan', 'ops-in-any-order', plan(0, [alice, bob], answers=bytes([13, 2, 0, 4, 1, 2, 0, 3, 4, 0, 5, 6, 0, 7, 0, 12, 8, 0, 9, 0, 10, 0, 11])))
seed('plan', 'matched-accounts', plan(1, [alice, bob, carol],
                                      answers=bytes([3, 0x05 | 0x10, 0, 0xff, 0x0d, 1, 0x00, 0x07 | 0x20, 2, 0x0f])))
seed('plan', 'sink-fails', plan(1 | 128, [alice, bob, carol], answers=bytes([5])))
# existing accounts, two of them privileged (ids 1 and 3 below 40), in each superviseexisting mode
for mode, name in ((1, 'unprivileged'), (2, 'none'), (3, 'all')):
    seed('plan', 'supervise-' + name, plan(1, [alice, bob, carol], supervise=bytes([mode | (2 << 3), 0, 2]),
                                           answers=bytes([3, 0x05 | 0x10, 0, 0xff, 0x0d, 1, 0x00, 0x07 | 0x20, 2, 0x0f])))

# ---- defects the harnesses found (fuzz/regressions), all fixed: kept as regression inputs
# (a) product reference seed: 19-digit billitem id and user ids, 64-byte bucket names
facts_a = [num(v) for v in (2, 20, 3, 7, 70, 1, 0, 0, 0, 2, 4, 5)] + [near_max(0)] + \
          [num(v) for v in (11, 13, 2, 1, 0, 1, 0, 7200)]
bucket_names = lp('s' * 64) + lp('t' * 64) + lp('u' * 64)
# answers: match (no accounts), prefixes, assign (none taken), rows, user ids from the input (how=2:
# i64 per person, INT64_MAX - n), preferences, enrolments (none), enrolment ids, contexts, roles,
# members, group, products
ans_a = bytes([0]) + bytes([0]) + bytes([2]) + near_max(1) + near_max(2) + near_max(3)
write('regressions', 'plan', 'defect-a-product-reference-seed',
      plan(1 | 16, [person(0, 0x00, 'A', 'B'), person(1, 0x10, 'C', 'D'), person(2, 0x20, 'E', 'F')],
           facts=facts_a, buckets=bucket_names, answers=ans_a))
# (e) now and sessiontimeout near INT64_MAX: the access flags' expiry (now + sessiontimeout) overflowed
facts_e = [num(v) for v in (2, 20, 3, 7, 70, 1, 1700000000, 0)] + [near_max(0)] + \
          [num(v) for v in (2, 4, 5, 9, 11, 13, 2, 1, 0, 1, 0)] + [near_max(7200 % 256)]
write('regressions', 'plan', 'defect-e-session-expiry-overflow', plan(1, [person(0, 0x00, 'A', 'B')], facts=facts_e))
# (b) now near INT64_MAX, renewable: start + 365 days overflows
write('regressions', 'config', 'defect-b-times-overflow', config('coursename=C', now=near_max(5), renewable=1))
# (c) an unknown key whose 100th byte is inside a UTF-8 character
write('regressions', 'config', 'defect-c-warning-cuts-utf8', config('k' * 99 + 'é=1&coursename=C'))
# (d) found while writing the fuzzers: a duplicate 400-byte UTF-8 key, the error subject is cut at 255 bytes
write('regressions', 'params', 'defect-d-subject-cut-inside-utf8', ('é' * 200 + '=1&' + 'é' * 200 + '=2').encode())
