import ipaddr from 'ipaddr.js';
import { BITS, type AddressKind } from './address-lines';
import { addressAt, bytesToBigInt, type Span } from './spans';

/**
 * Special-purpose ranges (ipaddr.js `range()` names, from the IANA registries) that are globally
 * reachable and so can appear on a public block list: AS112 (blackhole DNS servers) and AMT
 * relays. Every other named range is private, local or reserved.
 */
const PUBLIC_RANGES: Readonly<Record<AddressKind, ReadonlySet<string>>> = {
  ipv4: new Set(['unicast', 'as112', 'amt']),
  ipv6: new Set(['unicast', 'as112v6', 'amt']),
};

/** What each non-public range is, in words an administrator recognises. */
const SPECIAL_LABELS: Record<string, string> = {
  unspecified: 'unspecified address ("this network")',
  broadcast: 'broadcast address',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback (this computer)',
  carrierGradeNat: 'carrier-grade NAT shared space (RFC 6598)',
  private: 'private network (RFC 1918)',
  reserved: 'reserved by the IETF',
  uniqueLocal: 'unique local, the IPv6 private range (fc00::/7)',
  ipv4Mapped: 'IPv4-mapped IPv6 address: check the IPv4 address itself',
  deprecatedSiteLocal: 'site-local (deprecated)',
  discard: 'discard-only prefix (RFC 6666)',
  rfc6145: 'IPv4-translated address (RFC 6145)',
  rfc6052: 'NAT64 translation prefix: check the IPv4 address it carries',
  '6to4': '6to4 tunnel address: check the IPv4 address it carries',
  teredo: 'Teredo tunnel address',
  benchmarking: 'benchmarking range (RFC 5180)',
  deprecatedOrchid: 'ORCHID identifier (not routed)',
  orchid2: 'ORCHIDv2 identifier (not routed)',
  droneRemoteIdProtocolEntityTags: 'drone remote ID tag (not routed)',
  segmentRouting: 'segment-routing identifier (not routed)',
};

/**
 * Ranges inside ipaddr.js's catch-all "reserved" that deserve their own name: documentation
 * examples are what people paste from guides, and saying so helps them spot it.
 */
const RESERVED_DETAIL: readonly [string, string][] = [
  ['192.0.2.0/24', 'documentation example range (RFC 5737)'],
  ['198.51.100.0/24', 'documentation example range (RFC 5737)'],
  ['203.0.113.0/24', 'documentation example range (RFC 5737)'],
  ['2001:db8::/32', 'documentation example range (RFC 3849)'],
  ['3fff::/20', 'documentation example range (RFC 9637)'],
  ['198.18.0.0/15', 'benchmarking range (RFC 2544)'],
  ['192.0.0.0/24', 'IETF protocol assignments (RFC 6890)'],
  ['192.88.99.0/24', 'former 6to4 relay anycast (RFC 7526)'],
  ['240.0.0.0/4', 'reserved for future use (240.0.0.0/4)'],
  ['2001::/23', 'IETF protocol assignments (RFC 2928)'],
];

export function specialLabel(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  const kind = address.kind();
  const range = address.range();
  if (PUBLIC_RANGES[kind].has(range)) return undefined;
  if (range === 'reserved') {
    for (const [cidr, label] of RESERVED_DETAIL) {
      const parsed = ipaddr.parseCIDR(cidr);
      if (parsed[0].kind() === kind && address.match(parsed)) return label;
    }
  }
  return SPECIAL_LABELS[range] ?? `special-purpose range (${range})`;
}

/**
 * Why an address is not worth asking a public block list about, or undefined for a public one.
 * Public lists only list addresses that can send mail across the Internet, so "not listed" for a
 * private or reserved address says nothing, and asking a public resolver would only tell it how
 * the organisation numbers its internal network.
 */
export function notPublicReason(address: string): string | undefined {
  return specialLabel(ipaddr.parse(address));
}

/** One [network, prefix] block of ipaddr.js's table, checked: the table has no declared type. */
function toBlock(block: unknown): { network: number[]; prefix: number } {
  const [network, prefix] = Array.isArray(block) ? (block as unknown[]) : [];
  if (
    !(network instanceof ipaddr.IPv4 || network instanceof ipaddr.IPv6) ||
    typeof prefix !== 'number'
  ) {
    throw new Error('ipaddr.js special ranges are not [address, prefix] pairs any more');
  }
  return { network: network.toByteArray(), prefix };
}

/**
 * Every block that `range()` names, read from ipaddr.js itself so that the cut points below can
 * never disagree with the labels it gives. The table is on the prototype but not in the library's
 * type declarations, hence the checks: a version that moved it fails here, in the unit tests,
 * rather than labelling a range wrongly.
 */
function specialBlocks(kind: AddressKind): { network: number[]; prefix: number }[] {
  const prototype = kind === 'ipv4' ? ipaddr.IPv4.prototype : ipaddr.IPv6.prototype;
  const table: unknown = Reflect.get(prototype, 'SpecialRanges');
  if (typeof table !== 'object' || table === null) {
    throw new Error('ipaddr.js no longer exposes its special ranges (SpecialRanges)');
  }
  // A name holds one block ([address, prefix]) or a list of them.
  return Object.values(table).flatMap((value: unknown) =>
    Array.isArray(value) && Array.isArray(value[0]) ? value.map(toBlock) : [toBlock(value)],
  );
}

/**
 * Where the kind of address can change, per family, ascending: the first address of every special
 * block and the address after its last. Between two neighbouring cut points every address has
 * the same label. Worked out on first use.
 */
const cutPoints: Partial<Record<AddressKind, bigint[]>> = {};

function cutPointsOf(kind: AddressKind): bigint[] {
  const known = cutPoints[kind];
  if (known) return known;
  const bits = BITS[kind];
  const blocks = [
    ...specialBlocks(kind),
    ...RESERVED_DETAIL.map(([cidr]) => ipaddr.parseCIDR(cidr))
      .filter(([network]) => network.kind() === kind)
      .map(([network, prefix]) => ({ network: network.toByteArray(), prefix })),
  ];
  const points = new Set<bigint>();
  for (const { network, prefix } of blocks) {
    const first = bytesToBigInt(network);
    points.add(first);
    const after = first + (1n << BigInt(bits - prefix));
    if (after < 1n << BigInt(bits)) points.add(after);
  }
  const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  cutPoints[kind] = sorted;
  return sorted;
}

/** A span whose addresses are all of one kind: public (no label) or one private/reserved kind. */
export interface LabelledSpan extends Span {
  label: string | undefined;
}

/**
 * A span of addresses cut where their kind changes, in ascending order, neighbouring pieces of the
 * same kind joined: how many of its addresses are public, and what the rest are, without looking
 * at each address. A private /8 is one piece; 192.0.0.0/22 is four.
 */
export function labelSpan(kind: AddressKind, span: Span): LabelledSpan[] {
  const points = cutPointsOf(kind);
  const pieces: LabelledSpan[] = [];
  let from = span.first;
  const close = (last: bigint) => {
    const label = specialLabel(addressAt(kind, from));
    const previous = pieces.at(-1);
    if (previous && previous.label === label) previous.last = last;
    else pieces.push({ first: from, last, label });
  };
  for (const point of points) {
    if (point <= from) continue;
    if (point > span.last) break;
    close(point - 1n);
    from = point;
  }
  close(span.last);
  return pieces;
}
