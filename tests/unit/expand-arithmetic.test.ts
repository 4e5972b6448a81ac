import { afterEach, describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { expandTargets, type ExpandedTargets } from '../../src/lib/net/expand';
import { labelSpan, notPublicReason, specialLabel } from '../../src/lib/net/special-ranges';
import { SpanSet, cidrSpan, formatAddressAt, type Span } from '../../src/lib/net/spans';
import { parseAddressLines, type AddressEntry } from '../../src/lib/net/address-lines';
import { MAX_ADDRESSES_PER_RUN as LIMIT } from '../../src/lib/blocklists/domain/request';

/*
 * Ranges are counted by arithmetic, never listed address by address: pasting thousands of /22
 * ranges used to write out a million addresses to find that all but one range was over the
 * limit, and froze the page for seconds.
 */

function entries(text: string): AddressEntry[] {
  const { entries, problems } = parseAddressLines(text, { allowRanges: true });
  expect(problems).toEqual([]);
  return entries;
}

/** `count` distinct public /22 ranges: 11.0.0.0/22, 11.0.4.0/22, … */
function slash22s(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `11.${i >> 6}.${(i & 63) << 2}.0/22`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('counting ranges by arithmetic', () => {
  test('3,000 pasted /22 ranges: the first is taken, every other is refused with exact counts, and only the addresses checked are ever written out', () => {
    const pasted = entries(slash22s(3000).join('\n'));
    const written = vi.spyOn(ipaddr.IPv4.prototype, 'toString');
    const { addresses, refused, notPublic } = expandTargets(pasted, LIMIT);
    expect(addresses).toHaveLength(1024);
    expect(addresses[0]).toBe('11.0.0.0');
    expect(addresses[1023]).toBe('11.0.3.255');
    expect(notPublic).toEqual([]);
    expect(refused).toHaveLength(2999);
    expect(refused.at(-1)?.message).toBe(
      `Line 3000: ${slash22s(3000).at(-1)} was left out: it adds 1,024 addresses to the 1,024 already included, 2,048 in all, over the limit of 1,024 addresses per check. Check this range in a separate run (remove the lines above it, or check only part of it), or list only the addresses your mail servers use.`,
    );
    // Listing each refused range to count it wrote out three million addresses.
    expect(written.mock.calls.length).toBeLessThanOrEqual(LIMIT);
  });

  test('a range overlapping one already taken adds only its new addresses to the count', () => {
    const { addresses, refused } = expandTargets(
      entries('192.31.196.0/24\n192.175.48.0/25\n192.31.196.0/23\n192.31.196.128/25'),
      600,
    );
    expect(addresses).toHaveLength(384);
    expect(refused.map((r) => r.message)).toEqual([
      expect.stringContaining(
        'Line 3: 192.31.196.0/23 was left out: it adds 256 addresses to the 384 already included, 640 in all, over the limit of 600',
      ),
    ]);
  });

  test('private and reserved parts of a range are counted out, not towards the limit', () => {
    // 192.0.0.0/22 holds 512 public addresses between two reserved /24s.
    const { addresses, refused } = expandTargets(
      entries('192.31.196.0/24\n192.175.48.0/24\n192.52.193.0/24\n192.0.0.0/22'),
      LIMIT,
    );
    expect(addresses).toHaveLength(768);
    expect(refused.map((r) => r.message)).toEqual([
      expect.stringContaining('it adds 512 addresses to the 768 already included, 1,280 in all'),
    ]);
    const fits = expandTargets(entries('192.31.196.0/24\n192.175.48.0/24\n192.0.0.0/22'), LIMIT);
    expect(fits.refused).toEqual([]);
    expect(fits.addresses).toHaveLength(1024);
  });

  test('a private range named again, or inside a range already named, is not told twice', () => {
    const { notPublic } = expandTargets(
      entries('192.0.0.0/22\n192.0.0.0/24\n192.0.0.9\n10.0.0.0/8\n10.0.0.0/8'),
      LIMIT,
    );
    expect(notPublic.map((g) => g.addresses)).toEqual([
      '192.0.0.0–192.0.0.255',
      '192.0.2.0–192.0.2.255',
      '10.0.0.0/8',
    ]);
  });

  test('a whole IPv6 /0 is refused by its size alone, named with its count', () => {
    const { refused } = expandTargets(entries('::/0'), LIMIT);
    expect(refused[0]?.message).toContain(
      'a /0 holds 340,282,366,920,938,463,463,374,607,431,768,211,456 addresses',
    );
  });
});

/**
 * The rule, written the slow way: every address of every entry listed, labelled one by one. The
 * arithmetic must give exactly this, private runs split where an earlier entry took addresses.
 */
function enumerated(list: readonly AddressEntry[], limit: number): ExpandedTargets {
  const taken = new Set<string>();
  const named = new Set<string>();
  const result: ExpandedTargets = { addresses: [], refused: [], notPublic: [] };
  for (const entry of list) {
    const span = cidrSpan(entry.normalised.split('/')[0]!, entry.kind, entry.prefixLength);
    const all: { value: bigint; address: string; label: string | undefined }[] = [];
    const size = span.last - span.first + 1n;
    if (size <= BigInt(limit)) {
      for (let v = span.first; v <= span.last; v++) {
        const address = formatAddressAt(entry.kind, v);
        all.push({ value: v, address, label: notPublicReason(address) });
      }
      const first = all[0]!.label;
      if (first !== undefined && all.every((a) => a.label === first)) {
        if (!named.has(entry.normalised) && !all.every((a) => taken.has(a.address))) {
          named.add(entry.normalised);
          result.notPublic.push({ entry, addresses: entry.normalised, count: size, kind: first });
        }
        continue;
      }
    } else {
      const whole = labelSpan(entry.kind, span);
      if (whole.length === 1 && whole[0]!.label !== undefined) {
        if (!named.has(entry.normalised)) {
          named.add(entry.normalised);
          result.notPublic.push({
            entry,
            addresses: entry.normalised,
            count: size,
            kind: whole[0]!.label,
          });
        }
        continue;
      }
      result.refused.push({ entry, message: 'too large' });
      continue;
    }
    const fresh = all.filter((a) => !taken.has(a.address));
    const publicFresh = fresh.filter((a) => a.label === undefined);
    if (result.addresses.length + publicFresh.length > limit) {
      result.refused.push({ entry, message: `adds ${publicFresh.length}` });
      continue;
    }
    for (const a of all) taken.add(a.address);
    result.addresses.push(...publicFresh.map((a) => a.address));
    let run: (typeof fresh)[number][] = [];
    const close = () => {
      if (run.length === 0) return;
      const first = run[0]!;
      const last = run.at(-1)!;
      result.notPublic.push({
        entry,
        addresses: run.length === 1 ? first.address : `${first.address}–${last.address}`,
        count: BigInt(run.length),
        kind: first.label!,
      });
      run = [];
    };
    for (const a of fresh) {
      const previous = run.at(-1);
      if (
        a.label === undefined ||
        (previous && (previous.label !== a.label || previous.value + 1n !== a.value))
      ) {
        close();
      }
      if (a.label !== undefined) run.push(a);
    }
    close();
  }
  return result;
}

/** Networks near the edges of private, reserved and public blocks, so entries straddle them. */
const EDGES = [
  '192.0.0.0',
  '192.0.2.0',
  '192.31.196.0',
  '192.88.99.0',
  '198.18.0.0',
  '198.20.0.0',
  '100.64.0.0',
  '172.16.0.0',
  '172.32.0.0',
  '2001:db8::',
  '2001:4:112::',
  'fc00::',
  '64:ff9b::',
];

const arbitraryEntry = fc
  .tuple(
    fc.constantFrom(...EDGES),
    fc.integer({ min: -1536, max: 1536 }),
    fc.integer({ min: 0, max: 11 }),
  )
  .map(([edge, offset, hostBits]) => {
    const address = ipaddr.parse(edge);
    const kind = address.kind();
    const bits = kind === 'ipv4' ? 32 : 128;
    const span = cidrSpan(edge, kind, bits);
    const value = span.first + BigInt(offset);
    const prefix = bits - hostBits;
    const network = (value >> BigInt(hostBits)) << BigInt(hostBits);
    const text = formatAddressAt(kind, network);
    return prefix === bits ? text : `${text}/${prefix}`;
  });

describe('the arithmetic agrees with listing every address', () => {
  test('random entries around private and reserved blocks, with random limits', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryEntry, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        (texts, limit) => {
          const list = entries(texts.join('\n'));
          const fast = expandTargets(list, limit);
          const slow = enumerated(list, limit);
          expect(fast.addresses).toEqual(slow.addresses);
          expect(fast.refused.map((r) => r.entry)).toEqual(slow.refused.map((r) => r.entry));
          fast.refused.forEach((r, i) => {
            const adds = /^adds (\d+)$/.exec(slow.refused[i]!.message)?.[1];
            if (adds)
              expect(r.message).toContain(
                `it adds ${Number(adds).toLocaleString('en-GB')} addresses`,
              );
          });
          expect(fast.notPublic).toEqual(slow.notPublic);
        },
      ),
      { numRuns: 150 },
    );
    // The reference lists every address one by one: slow by design, and slower on a busy machine.
  }, 30_000);
});

describe('labelling spans', () => {
  test('the special blocks are read from ipaddr.js: the whole IPv4 space is cut at each of them', () => {
    const pieces = labelSpan('ipv4', { first: 0n, last: 2n ** 32n - 1n });
    const named = pieces
      .filter((p) => p.label === 'private network (RFC 1918)')
      .map((p) => `${formatAddressAt('ipv4', p.first)}–${formatAddressAt('ipv4', p.last)}`);
    expect(named).toEqual([
      '10.0.0.0–10.255.255.255',
      '172.16.0.0–172.31.255.255',
      '192.168.0.0–192.168.255.255',
    ]);
    expect(pieces.at(-1)).toEqual({
      first: 2n ** 32n - 1n,
      last: 2n ** 32n - 1n,
      label: 'broadcast address',
    });
  });

  test('every piece is one kind throughout, its neighbours another, and together they are the span', () => {
    fc.assert(
      fc.property(arbitraryEntry, fc.bigInt({ min: 0n, max: 2n ** 20n }), (text, pick) => {
        const [entry] = entries(text);
        const span = cidrSpan(entry!.normalised.split('/')[0]!, entry!.kind, entry!.prefixLength);
        const pieces = labelSpan(entry!.kind, span);
        expect(pieces[0]?.first).toBe(span.first);
        expect(pieces.at(-1)?.last).toBe(span.last);
        pieces.forEach((piece, i) => {
          const next = pieces[i + 1];
          if (next) {
            expect(next.first).toBe(piece.last + 1n);
            expect(next.label).not.toBe(piece.label);
          }
          const inside = piece.first + (pick % (piece.last - piece.first + 1n));
          for (const value of [piece.first, inside, piece.last]) {
            const address = ipaddr.parse(formatAddressAt(entry!.kind, value));
            expect(specialLabel(address)).toBe(piece.label);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('a set of spans', () => {
  const arbitrarySpan = fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 12 }))
    .map(([first, length]): Span => ({ first: BigInt(first), last: BigInt(first + length) }));

  test('what is missing from it, and whether it covers a span, match a plain set of numbers', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySpan, { maxLength: 10 }), arbitrarySpan, (added, asked) => {
        const set = new SpanSet();
        const plain = new Set<bigint>();
        for (const span of added) {
          set.add(span);
          for (let v = span.first; v <= span.last; v++) plain.add(v);
        }
        const missing: bigint[] = [];
        for (const part of set.missing(asked)) {
          for (let v = part.first; v <= part.last; v++) missing.push(v);
        }
        const expected: bigint[] = [];
        for (let v = asked.first; v <= asked.last; v++) if (!plain.has(v)) expected.push(v);
        expect(missing).toEqual(expected);
        expect(set.covers(asked)).toBe(expected.length === 0);
        // Parts are maximal: two in a row always have a taken address between them.
        const parts = set.missing(asked);
        parts.forEach((part, i) => {
          const next = parts[i + 1];
          if (next) expect(next.first).toBeGreaterThan(part.last + 1n);
        });
      }),
      { numRuns: 300 },
    );
  });
});
