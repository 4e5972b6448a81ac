import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { expandTargets } from '../../src/lib/net/expand';
import { notPublicReason } from '../../src/lib/net/special-ranges';
import {
  parseAddressLines,
  parseDomainLines,
  type AddressEntry,
} from '../../src/lib/net/address-lines';
import { MAX_ADDRESSES_PER_RUN as LIMIT } from '../../src/lib/blocklists/domain/request';

function single(text: string, allowRanges = true) {
  return parseAddressLines(text, { allowRanges });
}

function entry(text: string): AddressEntry {
  const { entries, problems } = single(text);
  expect(problems).toEqual([]);
  return entries[0]!;
}

describe('parseAddressLines', () => {
  test('one entry per line, numbered from 1, skipping blank and comment lines', () => {
    const { entries, problems } = parseAddressLines(
      '# our mail servers\n\n192.0.2.10\n  2001:DB8::1  # secondary MX\n\r\n198.51.100.7',
    );
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { line: 3, text: '192.0.2.10', kind: 'ipv4', prefixLength: 32, normalised: '192.0.2.10' },
      { line: 4, text: '2001:DB8::1', kind: 'ipv6', prefixLength: 128, normalised: '2001:db8::1' },
      { line: 6, text: '198.51.100.7', kind: 'ipv4', prefixLength: 32, normalised: '198.51.100.7' },
    ]);
  });

  test('an invalid address is reported with its line number', () => {
    const { entries, problems } = parseAddressLines('192.0.2.1\n\n192.0.2.300');
    expect(entries).toHaveLength(1);
    expect(problems).toEqual([
      {
        line: 3,
        text: '192.0.2.300',
        message: "Line 3: '192.0.2.300' is not a valid IPv4 or IPv6 address",
      },
    ]);
  });

  test('a range with host bits set is a problem that suggests the network', () => {
    const { entries, problems } = single('192.0.2.1/24');
    expect(entries).toEqual([]);
    expect(problems[0]?.message).toBe(
      "Line 1: '192.0.2.1/24' has host bits set: did you mean 192.0.2.0/24?",
    );
    expect(single('2001:db8::1/64').problems[0]?.message).toContain('did you mean 2001:db8::/64?');
  });

  test('a prefix length out of range names the allowed range', () => {
    expect(single('10.0.0.0/33').problems[0]?.message).toBe(
      "Line 1: '10.0.0.0/33' has a prefix length outside 0–32",
    );
    expect(single('2001:db8::/129').problems[0]?.message).toContain('outside 0–128');
    expect(single('10.0.0.0/').problems[0]?.message).toContain('prefix length');
    expect(single('10.0.0.0/x').problems[0]?.message).toContain('prefix length');
  });

  test('ranges are refused when a single address is expected', () => {
    const { entries, problems } = parseAddressLines('192.0.2.0/24');
    expect(entries).toEqual([]);
    expect(problems[0]?.message).toContain('a single address is expected here, not a range');
  });

  test('a /32 or /128 is a single address even where ranges are not allowed', () => {
    const { entries, problems } = parseAddressLines('192.0.2.1/32\n2001:db8::1/128');
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.normalised)).toEqual(['192.0.2.1', '2001:db8::1']);
  });

  test('a valid range is normalised to network/prefix', () => {
    expect(entry('192.0.2.0/24')).toMatchObject({
      kind: 'ipv4',
      prefixLength: 24,
      normalised: '192.0.2.0/24',
    });
    expect(entry('2001:0DB8:0000::/48').normalised).toBe('2001:db8::/48');
  });

  test('IPv4-mapped IPv6 addresses stay IPv6', () => {
    expect(entry('::ffff:192.0.2.1')).toMatchObject({
      kind: 'ipv6',
      normalised: '::ffff:c000:201',
    });
  });

  test('zone ids are refused', () => {
    expect(single('fe80::1%eth0').problems[0]?.message).toContain('zone id (%eth0)');
    expect(single('fe80::%eth0/64').problems[0]?.message).toContain('zone id');
  });

  test('shorthand, hexadecimal and zero-padded IPv4 forms are refused', () => {
    for (const text of ['127.1', '0x7f.1', '010.1.1.1', '192.0.2.01', '127.1/8']) {
      const { entries, problems } = single(text);
      expect(entries, text).toEqual([]);
      expect(problems[0]?.message, text).toContain('four decimal numbers');
    }
  });

  test('two addresses on one line are reported, not half-read', () => {
    expect(single('192.0.2.1 192.0.2.2').problems[0]?.message).toContain('one address per line');
  });

  test('very long junk is shortened in the message', () => {
    const junk = 'x'.repeat(500);
    const message = single(junk).problems[0]?.message ?? '';
    expect(message.length).toBeLessThan(150);
  });

  test('any IPv4 or IPv6 address formatted by ipaddr.js round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (typed) => {
        const address = ipaddr.parse(typed);
        const text =
          address.kind() === 'ipv4'
            ? address.toString()
            : (address as ipaddr.IPv6).toRFC5952String();
        const { entries, problems } = parseAddressLines(text);
        expect(problems).toEqual([]);
        expect(entries).toHaveLength(1);
        expect(entries[0]?.normalised).toBe(text);
        expect(entries[0]?.kind).toBe(address.kind());
        expect(ipaddr.parse(entries[0]!.normalised).toByteArray()).toEqual(address.toByteArray());
      }),
    );
  });

  test('random junk never throws and every bad line is reported with its line number', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 8 }), (lines) => {
        const { entries, problems } = parseAddressLines(lines.join('\n'), { allowRanges: true });
        const lineNumbers = [...entries, ...problems].map((x) => x.line).sort((a, b) => a - b);
        // Each non-blank, non-comment line appears exactly once as an entry or a problem.
        const expected = lines
          .map((raw, i) => ({ raw: raw.split('#')[0]!.trim(), line: i + 1 }))
          .filter(({ raw }) => raw !== '' && !/[\r\n]/.test(raw))
          .map(({ line }) => line);
        if (lines.every((l) => !/[\r\n]/.test(l))) expect(lineNumbers).toEqual(expected);
        for (const problem of problems) {
          expect(problem.message.startsWith(`Line ${problem.line}: `)).toBe(true);
        }
      }),
    );
  });
});

describe('parseDomainLines', () => {
  test('domains are lowercased and lose a trailing dot', () => {
    const { entries, problems } = parseDomainLines('Example.AC.uk.\n# comment\nmail.example.org');
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { line: 1, text: 'Example.AC.uk.', normalised: 'example.ac.uk' },
      { line: 3, text: 'mail.example.org', normalised: 'mail.example.org' },
    ]);
  });

  test('internationalised names are accepted as typed', () => {
    expect(parseDomainLines('bücher.example').entries[0]?.normalised).toBe('bücher.example');
    expect(parseDomainLines('xn--bcher-kva.example').problems).toEqual([]);
  });

  test('invalid domains are reported with a reason', () => {
    const cases: [string, string][] = [
      ['localhost', 'at least two parts'],
      ['-bad.example', 'may not start or end with a hyphen'],
      ['bad-.example', 'may not start or end with a hyphen'],
      ['exa_mple.org', 'only letters, digits and hyphens'],
      ['a..example', 'empty part'],
      [`${'a'.repeat(64)}.example`, 'longer than 63'],
      [`${'a.'.repeat(127)}example`, 'longer than 253'],
      ['postmaster@example.org', 'email address'],
      ['https://example.org/', 'web address'],
      ['192.0.2.1', 'IP address'],
      ['example.123', 'numeric'],
    ];
    for (const [text, fragment] of cases) {
      const { entries, problems } = parseDomainLines(text);
      expect(entries, text).toEqual([]);
      expect(problems[0]?.message, text).toContain(fragment);
      expect(problems[0]?.message.startsWith('Line 1: '), text).toBe(true);
    }
  });
});

/*
 * Public test addresses: AS112 (192.31.196.0/24, 192.175.48.0/24, 2001:4:112::/48) and AMT
 * relays (192.52.193.0/24) are globally reachable special-purpose blocks run for DNS and
 * multicast, never mail senders. Documentation ranges cannot be used: they are reserved, and
 * reserved addresses are never checked.
 */
describe('expandTargets', () => {
  test('a /22 (1,024 addresses) fits the default limit, network and broadcast included', () => {
    const { addresses, refused, notPublic } = expandTargets([entry('192.52.192.0/22')], LIMIT);
    expect(refused).toEqual([]);
    expect(notPublic).toEqual([]);
    expect(addresses).toHaveLength(1024);
    expect(addresses[0]).toBe('192.52.192.0');
    expect(addresses[1023]).toBe('192.52.195.255');
  });

  test('a /22 plus one more address: the range is refused naming its line, the limit, the total and what to do', () => {
    const { entries } = single('192.31.196.7\n192.52.192.0/22');
    const { addresses, refused } = expandTargets(entries, LIMIT);
    expect(addresses).toEqual(['192.31.196.7']);
    expect(refused).toEqual([
      {
        entry: entries[1],
        message:
          'Line 2: 192.52.192.0/22 was left out: it adds 1,024 addresses to the 1 already included, 1,025 in all, over the limit of 1,024 addresses per check. Check this range in a separate run (remove the lines above it, or check only part of it), or list only the addresses your mail servers use.',
      },
    ]);
  });

  test('a /21 is refused with its line, its size, the limit and how to split it', () => {
    const big = entry('192.52.192.0/21');
    const { addresses, refused } = expandTargets([big], LIMIT);
    expect(addresses).toEqual([]);
    expect(refused).toEqual([
      {
        entry: big,
        message:
          'Line 1: 192.52.192.0/21 was left out: it holds 2,048 addresses, over the limit of 1,024 addresses per check. Split it into /22 ranges (or smaller) and check one per run, or list only the addresses your mail servers use.',
      },
    ]);
  });

  test('a large IPv6 prefix is refused as too many to check one by one', () => {
    const { refused } = expandTargets([entry('2001:4:112::/64')], LIMIT);
    expect(refused[0]?.message).toContain(
      'a /64 holds 18,446,744,073,709,551,616 addresses, far too many to check one by one',
    );
    expect(refused[0]?.message).toContain('List the addresses your mail servers actually use');
  });

  test('a small IPv6 prefix is expanded', () => {
    const { addresses, refused } = expandTargets([entry('2001:4:112::/120')], LIMIT);
    expect(refused).toEqual([]);
    expect(addresses).toHaveLength(256);
    expect(addresses[0]).toBe('2001:4:112::');
    expect(addresses[255]).toBe('2001:4:112::ff');
  });

  test('duplicates are removed, keeping input order', () => {
    const { addresses } = expandTargets(
      [
        entry('192.31.196.5'),
        entry('192.31.196.4/30'),
        entry('2001:4:112::1'),
        entry('192.31.196.6'),
      ],
      LIMIT,
    );
    expect(addresses).toEqual([
      '192.31.196.5',
      '192.31.196.4',
      '192.31.196.6',
      '192.31.196.7',
      '2001:4:112::1',
    ]);
  });

  test('the limit counts addresses once, and names the entries that did not fit', () => {
    const a = entry('192.31.196.0/25');
    const overlap = entry('192.31.196.0/24'); // adds 128 new
    const tooMany = entry('192.175.48.0/24'); // would add 256
    const server = entry('192.52.193.9');
    const { addresses, refused } = expandTargets([a, overlap, tooMany, server], 300);
    expect(addresses).toHaveLength(257);
    expect(addresses.at(-1)).toBe('192.52.193.9');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.entry).toBe(tooMany);
    expect(refused[0]?.message).toContain('512 in all, over the limit of 300 addresses per check');
  });

  test('private, loopback, link-local, documentation, CGNAT, multicast and other reserved addresses are set aside with their kind', () => {
    const cases: [string, string][] = [
      ['10.1.2.3', 'private network (RFC 1918)'],
      ['172.16.0.1', 'private network (RFC 1918)'],
      ['192.168.1.10', 'private network (RFC 1918)'],
      ['127.0.0.2', 'loopback'],
      ['169.254.1.1', 'link-local'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['192.0.2.1', 'documentation example range (RFC 5737)'],
      ['198.51.100.7', 'documentation example range (RFC 5737)'],
      ['203.0.113.5', 'documentation example range (RFC 5737)'],
      ['198.18.0.1', 'benchmarking'],
      ['224.0.0.1', 'multicast'],
      ['240.0.0.1', 'reserved for future use'],
      ['0.0.0.0', 'unspecified'],
      ['255.255.255.255', 'broadcast'],
      ['fc00::1', 'unique local'],
      ['fd12:3456::1', 'unique local'],
      ['fe80::1', 'link-local'],
      ['2001:db8::25', 'documentation example range (RFC 3849)'],
      ['::1', 'loopback'],
      ['ff02::1', 'multicast'],
      ['::ffff:7f00:2', 'IPv4-mapped'],
    ];
    for (const [text, kind] of cases) {
      const { addresses, refused, notPublic } = expandTargets([entry(text)], LIMIT);
      expect(addresses, text).toEqual([]);
      expect(refused, text).toEqual([]);
      expect(notPublic, text).toHaveLength(1);
      expect(notPublic[0]?.addresses, text).toBe(ipaddr.parse(text).toString());
      expect(notPublic[0]?.kind, text).toContain(kind);
      expect(notPublicReason(text), text).toContain(kind);
    }
    for (const text of ['192.31.196.1', '192.52.193.1', '2001:4:112::1', '2620:4f:8000::1']) {
      expect(notPublicReason(text), text).toBeUndefined();
    }
  });

  test('a private range is set aside whole, however large, and does not count towards the limit', () => {
    const { entries } = single('10.0.0.0/8\n2001:db8::/32\n192.52.192.0/22\n192.168.0.5');
    const { addresses, refused, notPublic } = expandTargets(entries, LIMIT);
    expect(refused).toEqual([]);
    expect(addresses).toHaveLength(1024);
    expect(notPublic.map((g) => [g.addresses, g.count, g.kind])).toEqual([
      ['10.0.0.0/8', 16_777_216n, 'private network (RFC 1918)'],
      ['2001:db8::/32', 2n ** 96n, 'documentation example range (RFC 3849)'],
      ['192.168.0.5', 1n, 'private network (RFC 1918)'],
    ]);
  });

  test('a range that is partly reserved is checked only in its public part, and the rest is named', () => {
    const { addresses, notPublic } = expandTargets([entry('192.0.0.0/22')], LIMIT);
    expect(addresses).toHaveLength(512);
    expect(addresses[0]).toBe('192.0.1.0');
    expect(notPublic.map((g) => [g.addresses, g.count])).toEqual([
      ['192.0.0.0–192.0.0.255', 256n],
      ['192.0.2.0–192.0.2.255', 256n],
    ]);
    expect(notPublic[0]?.kind).toContain('IETF protocol assignments');
    expect(notPublic[1]?.kind).toContain('documentation');
  });

  test('random IPv4 prefixes /22–/32 split into exactly 2^(32-p) distinct addresses, public ones checked', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 22, max: 32 }), (address, prefix) => {
        const network = ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString();
        const e = entry(`${network}/${prefix}`);
        const { addresses, refused, notPublic } = expandTargets([e], LIMIT);
        expect(refused).toEqual([]);
        const setAside = notPublic.reduce((n, g) => n + Number(g.count), 0);
        expect(addresses.length + setAside).toBe(2 ** (32 - prefix));
        expect(new Set(addresses).size).toBe(addresses.length);
        const range = ipaddr.parseCIDR(`${network}/${prefix}`);
        for (const a of addresses) {
          expect(ipaddr.parse(a).match(range)).toBe(true);
          expect(notPublicReason(a)).toBeUndefined();
        }
      }),
      { numRuns: 60 },
    );
  });
});
