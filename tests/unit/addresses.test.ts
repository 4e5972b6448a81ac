import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  expandTargets,
  parseAddressLines,
  parseDomainLines,
  type AddressEntry,
} from '../../src/lib/domain/addresses';

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

describe('expandTargets', () => {
  test('a /22 (1,024 addresses) fits the default limit, network and broadcast included', () => {
    const { addresses, refused } = expandTargets([entry('192.0.0.0/22')]);
    expect(refused).toEqual([]);
    expect(addresses).toHaveLength(1024);
    expect(addresses[0]).toBe('192.0.0.0');
    expect(addresses[1023]).toBe('192.0.3.255');
  });

  test('a /21 is refused with a message naming the limit', () => {
    const big = entry('192.0.0.0/21');
    const { addresses, refused } = expandTargets([big]);
    expect(addresses).toEqual([]);
    expect(refused).toEqual([
      {
        entry: big,
        message:
          '192.0.0.0/21 holds 2,048 addresses; the limit is 1,024 per run — split it or check the mail servers only',
      },
    ]);
  });

  test('a large IPv6 prefix is refused as too many to enumerate', () => {
    const { refused } = expandTargets([entry('2001:db8::/64')]);
    expect(refused[0]?.message).toContain(
      'a /64 holds 18,446,744,073,709,551,616 addresses: too many to enumerate',
    );
    expect(refused[0]?.message).toContain('list the addresses your mail servers actually use');
  });

  test('a small IPv6 prefix is expanded', () => {
    const { addresses, refused } = expandTargets([entry('2001:db8::/120')]);
    expect(refused).toEqual([]);
    expect(addresses).toHaveLength(256);
    expect(addresses[0]).toBe('2001:db8::');
    expect(addresses[255]).toBe('2001:db8::ff');
  });

  test('duplicates are removed, keeping input order', () => {
    const { addresses } = expandTargets([
      entry('192.0.2.5'),
      entry('192.0.2.4/30'),
      entry('2001:db8::1'),
      entry('192.0.2.6'),
    ]);
    expect(addresses).toEqual(['192.0.2.5', '192.0.2.4', '192.0.2.6', '192.0.2.7', '2001:db8::1']);
  });

  test('the limit counts addresses once, and names the entries that did not fit', () => {
    const a = entry('192.0.2.0/25');
    const overlap = entry('192.0.2.0/24'); // adds 128 new
    const tooMany = entry('198.51.100.0/24'); // would add 256
    const server = entry('203.0.113.9');
    const { addresses, refused } = expandTargets([a, overlap, tooMany, server], 300);
    expect(addresses).toHaveLength(257);
    expect(addresses.at(-1)).toBe('203.0.113.9');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.entry).toBe(tooMany);
    expect(refused[0]?.message).toContain('did not fit');
    expect(refused[0]?.message).toContain('the limit is 300 per run');
  });

  test('random IPv4 prefixes /22–/32 expand to exactly 2^(32-p) distinct addresses in range', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 22, max: 32 }), (address, prefix) => {
        const network = ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString();
        const e = entry(`${network}/${prefix}`);
        const { addresses, refused } = expandTargets([e]);
        expect(refused).toEqual([]);
        expect(addresses).toHaveLength(2 ** (32 - prefix));
        expect(new Set(addresses).size).toBe(addresses.length);
        const range = ipaddr.parseCIDR(`${network}/${prefix}`);
        for (const a of addresses) expect(ipaddr.parse(a).match(range)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
