/**
 * Test DNSBL zones for the end-to-end harness, kept as data so tests can import the values they
 * expect. `dns-server.ts` turns the served zones into nsd zone files and the rule zones into
 * dnsdist rules.
 *
 * Everything lives under the reserved `.test` TLD (RFC 6761), served only on loopback, so nothing
 * here can ever be a real listing. The listed addresses are public ones that never send mail:
 * the AS112 blocks 192.31.196.0/24, 192.175.48.0/24 and 2001:4:112::/48 (blackhole DNS servers)
 * and, for the benchmark, 192.0.32.0/22 in ICANN's own block. They cannot be documentation
 * addresses (192.0.2.0/24, 2001:db8::/32…): the app never asks block lists about private or
 * reserved addresses, because no public list can list them.
 *
 * The query-name helpers below are deliberately written from scratch (not taken from the app's
 * `domain/` code) so the e2e tests compare the app against an independent oracle.
 */

/** An answer at one name: the A records (the listing codes) and optional TXT reasons. */
export interface Listing {
  readonly a: readonly string[];
  readonly txt?: readonly string[];
}

/** A zone nsd serves from a zone file. */
export interface ServedZone {
  readonly kind: 'served';
  readonly name: string;
  readonly purpose: string;
  /** Listed addresses (IPv4 dotted quad or any IPv6 text form) and what their name answers. */
  readonly listings: ReadonlyMap<string, Listing>;
  /** What the `*` owner at the apex answers (every name that does not otherwise exist). */
  readonly wildcard?: Listing;
  /** Addresses the tests may use as "not listed" examples (all answer NXDOMAIN). */
  readonly notListed: readonly string[];
}

/**
 * A zone that nsd does not serve: dnsdist intercepts every name at or below it.
 * - `servfail`: dnsdist answers rcode SERVFAIL itself (HTTP 200, a normal DNS message).
 * - `refused`: dnsdist answers rcode REFUSED itself (HTTP 200, a normal DNS message).
 * - `blackhole`: dnsdist forwards to a UDP socket that never answers; the HTTP request hangs until
 *   dnsdist's UDP timeout (DohServerOptions.slowTimeoutSeconds, default 15 s), then dnsdist sends
 *   HTTP 502 without the CORS header, which a browser page sees as `TypeError: Failed to fetch`.
 * - `drop`: dnsdist's DropAction; over DoH, dnsdist 1.7 answers at once with HTTP 403 "dns query
 *   not allowed" WITHOUT the CORS header, so a browser page sees `TypeError: Failed to fetch`.
 */
export interface RuleZone {
  readonly kind: 'rule';
  readonly name: string;
  readonly purpose: string;
  readonly behaviour: 'servfail' | 'refused' | 'blackhole' | 'drop';
}

export type TestZone = ServedZone | RuleZone;

// ---------------------------------------------------------------------------------------------
// Query names (RFC 5782)

/** The 4 octets of a dotted-quad IPv4 address; throws on anything else. */
export function ipv4Octets(ip: string): [number, number, number, number] {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) {
    throw new Error(`not a dotted-quad IPv4 address: ${ip}`);
  }
  return parts.map(Number) as [number, number, number, number];
}

/** The 32 lowercase hex nibbles of an IPv6 address (`::` and a trailing dotted quad allowed). */
export function ipv6Nibbles(ip: string): string {
  let text = ip.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = ipv4Octets(tail);
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    text = `${text.slice(0, lastColon + 1)}${hex(a)}${hex(b)}:${hex(c)}${hex(d)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) throw new Error(`not an IPv6 address: ${ip}`);
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) {
    throw new Error(`not an IPv6 address: ${ip}`);
  }
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) throw new Error(`not an IPv6 address: ${ip}`);
  return all.map((g) => g.padStart(4, '0')).join('');
}

/** The owner name of an address inside a zone, relative to the zone apex (no trailing dot). */
export function relativeOwner(ip: string): string {
  if (ip.includes(':')) return [...ipv6Nibbles(ip)].reverse().join('.');
  return ipv4Octets(ip).reverse().join('.');
}

/** The DNSBL query name for an address on a zone, e.g. `10.2.0.192.good.bl.test`. */
export function queryName(ip: string, zone: string): string {
  return `${relativeOwner(ip)}.${zone.replace(/\.$/, '')}`;
}

// ---------------------------------------------------------------------------------------------
// Test points and constants

export const TEST_POINT_V4_LISTED = '127.0.0.2';
export const TEST_POINT_V4_NOT_LISTED = '127.0.0.1';
export const TEST_POINT_V6_LISTED = '::ffff:7f00:2';
export const TEST_POINT_V6_NOT_LISTED = '::ffff:7f00:1';

export const TEST_POINT_TXT = 'Test point: always listed (RFC 5782)';

/** The answer Spamhaus gives a query that arrived through a public/open resolver. */
export const OPEN_RESOLVER_REFUSAL = '127.255.255.254';

/** MAPS RBL+ style bitmask in the last octet of a 127.1.0.N answer. */
export const BITS = { RBL: 1, DUL: 2, RSS: 4, OPS: 8 } as const;

/** The benchmark addresses: all 1,024 addresses of 192.0.32.0/22, in order. */
export const BENCHMARK_ADDRESSES: readonly string[] = Array.from(
  { length: 1024 },
  (_, i) => `192.0.${32 + (i >> 8)}.${i & 255}`,
);

export const ZONE = {
  good: 'good.bl.test',
  bits: 'bits.bl.test',
  refuse: 'refuse.bl.test',
  wild: 'wild.bl.test',
  outside: 'outside.bl.test',
  v6: 'v6.bl.test',
  big: 'big.bl.test',
  servfail: 'servfail.bl.test',
  refused: 'rcode-refused.bl.test',
  slow: 'slow.bl.test',
  drop: 'drop.bl.test',
  flaky: 'flaky.bl.test',
} as const;

/** In flaky.bl.test, the one name that never answers and the one that answers SERVFAIL. */
export const FLAKY_TIMEOUT_IP = '192.31.196.30';
export const FLAKY_SERVFAIL_IP = '192.31.196.31';

/** The 8 benchmark lists b1.bl.test ... b8.bl.test. */
export const BENCHMARK_ZONES: readonly string[] = Array.from(
  { length: 8 },
  (_, i) => `b${i + 1}.bl.test`,
);

const listedTestPoints = (a: string, ipv6: boolean): [string, Listing][] => {
  const entry: Listing = { a: [a], txt: [TEST_POINT_TXT] };
  return ipv6
    ? [
        [TEST_POINT_V4_LISTED, entry],
        [TEST_POINT_V6_LISTED, entry],
      ]
    : [[TEST_POINT_V4_LISTED, entry]];
};

const NOT_LISTED_TEST_POINTS = [TEST_POINT_V4_NOT_LISTED, TEST_POINT_V6_NOT_LISTED] as const;

const served = (
  name: string,
  purpose: string,
  listings: [string, Listing][],
  extra: { wildcard?: Listing; notListed?: readonly string[] } = {},
): ServedZone => ({
  kind: 'served',
  name,
  purpose,
  listings: new Map(listings),
  ...(extra.wildcard ? { wildcard: extra.wildcard } : {}),
  notListed: extra.notListed ?? [],
});

// ---------------------------------------------------------------------------------------------
// The zones

export const GOOD_TXT_192_31_196_10 =
  'Listed for spam, see https://good.bl.test/lookup?ip=192.31.196.10';
export const GOOD_TXT_2001_4_112__25 =
  'Listed for spam, see https://good.bl.test/lookup?ip=2001:4:112::25';

const good = served(
  ZONE.good,
  'healthy list (IPv4 and IPv6): one listing with a TXT reason, one with two A records and no TXT',
  [
    ...listedTestPoints('127.0.0.2', true),
    ['192.31.196.10', { a: ['127.0.0.2'], txt: [GOOD_TXT_192_31_196_10] }],
    ['192.31.196.11', { a: ['127.0.0.2', '127.0.0.3'] }],
    ['2001:4:112::25', { a: ['127.0.0.2'], txt: [GOOD_TXT_2001_4_112__25] }],
  ],
  { notListed: [...NOT_LISTED_TEST_POINTS, '192.31.196.20', '2001:4:112::20'] },
);

const bits = served(
  ZONE.bits,
  'bitmask list like MAPS RBL+ (127.1.0.N; 1 RBL, 2 DUL, 4 RSS, 8 OPS)',
  [
    ...listedTestPoints('127.1.0.2', true),
    ['192.31.196.10', { a: [`127.1.0.${BITS.RBL | BITS.RSS}`] }],
    ['192.31.196.12', { a: [`127.1.0.${BITS.OPS}`] }],
  ],
  { notListed: [...NOT_LISTED_TEST_POINTS, '192.31.196.20'] },
);

export const REFUSE_TXT =
  'Error: open resolver; test data modelled on https://check.spamhaus.org/returnc/pub/';

const refuse = served(ZONE.refuse, 'Spamhaus-style: every name answers 127.255.255.254', [], {
  wildcard: { a: [OPEN_RESOLVER_REFUSAL], txt: [REFUSE_TXT] },
});

const wild = served(
  ZONE.wild,
  'dead list wildcarded to 127.0.0.2: the 127.0.0.1 test point is "listed" (broken)',
  [],
  { wildcard: { a: ['127.0.0.2'] } },
);

const outside = served(
  ZONE.outside,
  'test points correct, but 192.31.196.10 answers 10.0.0.1, outside 127.0.0.0/8 (broken)',
  [...listedTestPoints('127.0.0.2', true), ['192.31.196.10', { a: ['10.0.0.1'] }]],
  { notListed: [...NOT_LISTED_TEST_POINTS, '192.31.196.20'] },
);

export const V6_TXT_2001_4_112__25 = 'IPv6 listing for 2001:4:112::25';

const v6 = served(
  ZONE.v6,
  'IPv6-capable list with IPv4 and IPv6 test points',
  [
    ...listedTestPoints('127.0.0.2', true),
    ['2001:4:112::25', { a: ['127.0.0.2'], txt: [V6_TXT_2001_4_112__25] }],
    ['2001:4:112:0:1::26', { a: ['127.0.0.4'] }],
  ],
  { notListed: [...NOT_LISTED_TEST_POINTS, '2001:4:112::27', '192.31.196.20'] },
);

const big = served(
  ZONE.big,
  'lists every address of 192.175.48.0/24 whose last octet is divisible by 7',
  [
    ...listedTestPoints('127.0.0.2', true),
    ...Array.from({ length: 256 }, (_, n) => n)
      .filter((n) => n % 7 === 0)
      .map((n): [string, Listing] => [`192.175.48.${n}`, { a: ['127.0.0.2'] }]),
  ],
  { notListed: [...NOT_LISTED_TEST_POINTS, '192.175.48.1', '192.0.32.1'] },
);

/** Whether benchmark list `bN.bl.test` (n = 1..8) lists an address of 192.0.32.0/22. */
export function benchmarkListed(n: number, ip: string): boolean {
  const [a, b, c, d] = ipv4Octets(ip);
  return a === 192 && b === 0 && c >= 32 && c < 36 && d % (50 + n) === 0;
}

const benchmarkZones = BENCHMARK_ZONES.map((name, i) =>
  served(
    name,
    `benchmark list ${i + 1} of 8: lists 192.0.32.0/22 addresses whose last octet is divisible by ${51 + i}`,
    [
      ...listedTestPoints('127.0.0.2', false),
      ...BENCHMARK_ADDRESSES.filter((ip) => benchmarkListed(i + 1, ip)).map(
        (ip): [string, Listing] => [ip, { a: [`127.0.0.${i + 2}`] }],
      ),
    ],
    { notListed: [TEST_POINT_V4_NOT_LISTED, '192.0.32.1'] },
  ),
);

const flaky = served(
  ZONE.flaky,
  'healthy test points, but one address never answers and one answers SERVFAIL (per-address failures)',
  [...listedTestPoints('127.0.0.2', false), ['192.31.196.10', { a: ['127.0.0.2'] }]],
  { notListed: [TEST_POINT_V4_NOT_LISTED, '192.31.196.20'] },
);

const rule = (name: string, purpose: string, behaviour: RuleZone['behaviour']): RuleZone => ({
  kind: 'rule',
  name,
  purpose,
  behaviour,
});

export const SERVED_ZONES: readonly ServedZone[] = [
  good,
  bits,
  refuse,
  wild,
  outside,
  v6,
  big,
  flaky,
  ...benchmarkZones,
];

export const RULE_ZONES: readonly RuleZone[] = [
  rule(ZONE.servfail, 'every name answers rcode SERVFAIL (dnsdist RCodeAction)', 'servfail'),
  rule(ZONE.refused, 'every name answers rcode REFUSED (dnsdist RCodeAction)', 'refused'),
  rule(ZONE.slow, 'no answer: forwarded to a UDP socket that never replies', 'blackhole'),
  rule(ZONE.drop, 'dnsdist DropAction: HTTP 403 without CORS header', 'drop'),
  rule(
    queryName(FLAKY_TIMEOUT_IP, ZONE.flaky),
    'one flaky.bl.test address: no answer',
    'blackhole',
  ),
  rule(queryName(FLAKY_SERVFAIL_IP, ZONE.flaky), 'one flaky.bl.test address: SERVFAIL', 'servfail'),
];

export const ALL_ZONES: readonly TestZone[] = [...SERVED_ZONES, ...RULE_ZONES];

export function servedZone(name: string): ServedZone {
  const zone = SERVED_ZONES.find((z) => z.name === name);
  if (!zone) throw new Error(`no served test zone named ${name}`);
  return zone;
}

/**
 * What a served zone answers for an address: its Listing, or null for NXDOMAIN. (Every owner in
 * these zones is a full address name or the apex wildcard, so a full address name is never an
 * empty non-terminal.)
 */
export function expectedListing(zoneName: string, ip: string): Listing | null {
  const zone = servedZone(zoneName);
  const owner = relativeOwner(ip);
  for (const [listed, listing] of zone.listings) {
    if (relativeOwner(listed) === owner) return listing;
  }
  return zone.wildcard ?? null;
}

// ---------------------------------------------------------------------------------------------
// Zone files

const SOA_SERIAL = 2026010101;
const TTL = 60;

function quoteTxt(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > 255) throw new Error(`TXT string over 255 bytes: ${text}`);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The nsd zone file text for a served zone. */
export function zoneFileText(zone: ServedZone): string {
  const lines = [
    `$ORIGIN ${zone.name}.`,
    `$TTL ${TTL}`,
    `; ${zone.purpose}`,
    `@ IN SOA ns.test. hostmaster.test. ${SOA_SERIAL} 3600 600 86400 ${TTL}`,
    '@ IN NS ns.test.',
  ];
  const emit = (owner: string, listing: Listing) => {
    for (const a of listing.a) lines.push(`${owner} IN A ${a}`);
    for (const txt of listing.txt ?? []) lines.push(`${owner} IN TXT ${quoteTxt(txt)}`);
  };
  const seen = new Set<string>();
  for (const [ip, listing] of zone.listings) {
    const owner = relativeOwner(ip);
    if (seen.has(owner)) throw new Error(`${zone.name}: ${ip} is listed twice`);
    seen.add(owner);
    emit(owner, listing);
  }
  if (zone.wildcard) emit('*', zone.wildcard);
  return `${lines.join('\n')}\n`;
}
