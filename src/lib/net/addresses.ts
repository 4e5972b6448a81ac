import ipaddr from 'ipaddr.js';
import { formatNumber, plural } from '../shared/format';

/**
 * Addresses, ranges and mail domains as an administrator types them into the profile: one per
 * line, with comments. Parsing never throws and never drops a line silently: every line is either
 * an entry or a problem that names its line number, because a typo in a range is exactly what an
 * admin wants to hear about before a block-list run quietly checks the wrong addresses.
 *
 * All address syntax is left to ipaddr.js; this module only splits lines, comments and the
 * "/prefix" suffix.
 */

export type AddressKind = 'ipv4' | 'ipv6';

export interface AddressEntry {
  /** 1-based line number in the text as typed. */
  line: number;
  /** The line as typed, trimmed and without its comment. */
  text: string;
  kind: AddressKind;
  /** 32 or 128 for a single address. */
  prefixLength: number;
  /**
   * Canonical form: dotted decimal for IPv4, RFC 5952 (lowercase, longest zero run compressed)
   * for IPv6; a range as `network/prefix`, a single address without a prefix (so `192.0.2.1/32`
   * and `192.0.2.1` are the same entry).
   */
  normalised: string;
}

export interface LineProblem {
  line: number;
  text: string;
  /** Ready to show: starts with "Line N: ". */
  message: string;
}

export interface DomainEntry {
  line: number;
  text: string;
  /** Lowercase, Unicode NFC, without a trailing dot. Not converted to punycode (see below). */
  normalised: string;
}

export interface ParsedLines<E> {
  entries: E[];
  problems: LineProblem[];
}

const BITS: Record<AddressKind, number> = { ipv4: 32, ipv6: 128 };

/** Long junk (a pasted log line) is cut in messages so they stay readable. */
function quote(text: string): string {
  const max = 60;
  return `'${text.length > max ? `${text.slice(0, max - 1)}…` : text}'`;
}

/**
 * Splits text into numbered, trimmed lines without comments, skipping blank and comment-only
 * lines. A '#' anywhere starts a comment: neither addresses nor domain names can contain one.
 */
function contentLines(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const content = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (content !== '') result.push({ line: index + 1, text: content });
  });
  return result;
}

function format(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  // IPv4-mapped IPv6 addresses stay IPv6 (::ffff:7f00:2): that is how they are written in DNS
  // block-list test points and how they are queried (as ip6.arpa-style nibbles).
  return address.kind() === 'ipv4'
    ? address.toString()
    : (address as ipaddr.IPv6).toRFC5952String();
}

/** Explains why ipaddr.js refused (or why we refuse) the address part of a line. */
function addressProblem(address: string, original: string): string | undefined {
  if (address.includes('%')) {
    return `${quote(original)} has a zone id (${address.slice(address.indexOf('%'))}): zone ids only mean something on one machine; list the address without it`;
  }
  if (address.startsWith('[') && address.endsWith(']')) {
    return `${quote(original)} is in brackets: write the address without them, e.g. ${address.slice(1, -1)}`;
  }
  if (!ipaddr.isValid(address)) {
    if (/\s/.test(address)) {
      return `${quote(original)} contains spaces: put one address per line`;
    }
    return `${quote(original)} is not a valid IPv4 or IPv6 address`;
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(address)) {
    // ipaddr.js accepts the historic inet_aton forms ('127.1', '0x7f.1', octal '010.1.1.1');
    // nobody typing a mail server's address means them, and tools disagree on what they are.
    return `${quote(original)} is not written as four decimal numbers (some software reads it as ${parsed.toString()}): write all four parts in decimal, without leading zeros`;
  }
  return undefined;
}

type LineResult = { entry: Omit<AddressEntry, 'line' | 'text'> } | { problem: string };

function parseAddress(text: string, allowRanges: boolean): LineResult {
  const slash = text.lastIndexOf('/');
  const addressPart = slash === -1 ? text : text.slice(0, slash);
  const problem = addressProblem(addressPart, text);
  if (problem) return { problem };
  const address = ipaddr.parse(addressPart);
  const kind = address.kind();
  const bits = BITS[kind];

  if (slash === -1) {
    return { entry: { kind, prefixLength: bits, normalised: format(address) } };
  }

  const prefixPart = text.slice(slash + 1);
  const prefixLength = /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : Number.NaN;
  if (!(prefixLength >= 0 && prefixLength <= bits)) {
    return {
      problem: `${quote(text)} has a prefix length outside 0–${bits}`,
    };
  }
  if (prefixLength === bits) {
    // A /32 or /128 is one address whatever the setting.
    return { entry: { kind, prefixLength, normalised: format(address) } };
  }
  if (!allowRanges) {
    return { problem: `${quote(text)} is a range: a single address is expected here, not a range` };
  }
  const network =
    kind === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${addressPart}/${prefixLength}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${addressPart}/${prefixLength}`);
  const normalised = `${format(network)}/${prefixLength}`;
  if (format(network) !== format(address)) {
    // Reported rather than silently fixed: '192.0.2.1/24' is as likely a typo for '/32' as a
    // lazy way of writing the /24, and only the admin knows which.
    return { problem: `${quote(text)} has host bits set: did you mean ${normalised}?` };
  }
  return { entry: { kind, prefixLength, normalised } };
}

/**
 * One entry per non-empty line. Ranges (CIDR) are accepted only with `allowRanges`; a /32 or
 * /128 always counts as a single address.
 */
export function parseAddressLines(
  text: string,
  options: { allowRanges?: boolean } = {},
): ParsedLines<AddressEntry> {
  const allowRanges = options.allowRanges ?? false;
  const entries: AddressEntry[] = [];
  const problems: LineProblem[] = [];
  for (const { line, text: content } of contentLines(text)) {
    const result = parseAddress(content, allowRanges);
    if ('problem' in result) {
      problems.push({ line, text: content, message: `Line ${line}: ${result.problem}` });
    } else {
      entries.push({ line, text: content, ...result.entry });
    }
  }
  return { entries, problems };
}

/**
 * Letters (any script, so internationalised names can be typed as people write them), marks
 * (combining accents in decomposed input), digits and hyphens.
 */
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;

function domainProblem(text: string, normalised: string): string | undefined {
  const q = quote(text);
  if (/\s/.test(text)) return `${q} contains spaces: put one domain per line`;
  if (text.includes('@')) {
    return `${q} looks like an email address: enter only the part after the @`;
  }
  if (text.includes('://') || text.includes('/')) {
    return `${q} looks like a web address: enter only the domain name, e.g. example.ac.uk`;
  }
  if (ipaddr.isValid(text)) return `${q} is an IP address, not a mail domain`;
  if (normalised.length > 253) return `${q} is longer than 253 characters`;
  const labels = normalised.split('.');
  if (labels.length < 2)
    return `${q} is not a full domain name (expected at least two parts, e.g. example.ac.uk)`;
  for (const label of labels) {
    if (label === '') return `${q} has an empty part (two dots together, or a leading dot)`;
    if (label.length > 63) return `${q} has a part longer than 63 characters`;
    if (!LABEL.test(label)) {
      return `${q} is not a valid domain name: each part may contain only letters, digits and hyphens, and may not start or end with a hyphen`;
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return `${q} ends in a number: top-level domains are never numeric`;
  }
  return undefined;
}

/**
 * Mail domains, one per line. Internationalised names are accepted in Unicode and kept that way:
 * converting to punycode needs `URL` or a punycode table, and this layer has neither; the I/O
 * layer converts a name to its A-label form (in the browser `new URL('http://' + name).hostname`)
 * before querying DNS. Length limits are checked on the Unicode form, so a long IDN that only
 * exceeds 63/253 octets once encoded is not caught here.
 */
export function parseDomainLines(text: string): ParsedLines<DomainEntry> {
  const entries: DomainEntry[] = [];
  const problems: LineProblem[] = [];
  for (const { line, text: content } of contentLines(text)) {
    // One trailing dot is the fully-qualified form, which people paste from zone files.
    const normalised = content.normalize('NFC').toLowerCase().replace(/\.$/, '');
    const problem = domainProblem(content, normalised);
    if (problem) problems.push({ line, text: content, message: `Line ${line}: ${problem}` });
    else entries.push({ line, text: content, normalised });
  }
  return { entries, problems };
}

/** "1 address", "2,048 addresses", for counts too large for a number (an IPv6 /64). */
export function addressCount(count: bigint | number): string {
  return plural(count, 'address', 'addresses');
}

/**
 * How many addresses a not-checked entry as recorded covers: one address, a range
 * ("10.0.0.0/8") or a span ("192.0.0.0–192.0.0.255"). Undefined for text it cannot read (an
 * imported file may hold anything).
 */
export function spanSize(text: string): bigint | undefined {
  try {
    if (text.includes('/')) {
      const [address, prefix] = ipaddr.parseCIDR(text);
      return 1n << BigInt(BITS[address.kind()] - prefix);
    }
    const [first = '', last = first] = text.split('–');
    if (!ipaddr.isValid(first) || !ipaddr.isValid(last)) return undefined;
    const from = toBigInt(ipaddr.parse(first).toByteArray());
    const to = toBigInt(ipaddr.parse(last).toByteArray());
    return to >= from ? to - from + 1n : undefined;
  } catch {
    return undefined;
  }
}

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function fromBigInt(value: bigint, length: number): number[] {
  const bytes = new Array<number>(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** Number of addresses an entry covers. */
export function entrySize(entry: Pick<AddressEntry, 'kind' | 'prefixLength'>): bigint {
  return 1n << BigInt(BITS[entry.kind] - entry.prefixLength);
}

/** Every address of an entry, in ascending order. Only call for entries of a sensible size. */
function enumerate(entry: AddressEntry): string[] {
  const network = entry.normalised.split('/')[0] ?? entry.normalised;
  const bytes = ipaddr.parse(network).toByteArray();
  const start = toBigInt(bytes);
  const size = entrySize(entry);
  const result: string[] = [];
  for (let i = 0n; i < size; i++) {
    result.push(format(ipaddr.fromByteArray(fromBigInt(start + i, bytes.length))));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Private and reserved addresses

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

function specialLabel(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
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

/**
 * The special range that holds a whole entry, as a label, when there is one: a private /8 is
 * left out in one piece instead of being refused as too large. Special ranges are CIDR blocks,
 * and so are entries: an entry whose first and last addresses fall in the same block lies inside
 * it, and blocks with the same label are far enough apart that no entry reaches from one to
 * another without passing through addresses of another kind.
 */
function wholeEntryLabel(entry: AddressEntry): string | undefined {
  const bytes = ipaddr.parse(entry.normalised.split('/')[0] ?? entry.normalised).toByteArray();
  const first = ipaddr.fromByteArray(bytes);
  const label = specialLabel(first);
  if (label === undefined) return undefined;
  const last = ipaddr.fromByteArray(
    fromBigInt(toBigInt(bytes) + entrySize(entry) - 1n, bytes.length),
  );
  return specialLabel(last) === label ? label : undefined;
}

/** Addresses of one entry left out because they are private or reserved. */
export interface NotPublicGroup {
  entry: AddressEntry;
  /** The whole entry ("10.0.0.0/8"), one address, or a span ("192.0.0.0–192.0.0.255"). */
  addresses: string;
  count: bigint;
  /** What kind of range it is ("private network (RFC 1918)"). */
  kind: string;
}

export interface ExpandedTargets {
  /** Individual public addresses, in input order, each once: what a run will ask about. */
  addresses: string[];
  /** Entries that were not expanded because of the limit, with the reason to show. */
  refused: { entry: AddressEntry; message: string }[];
  /** Private and reserved addresses, never asked about, with what they are. */
  notPublic: NotPublicGroup[];
}

/** The prefix length whose range holds at most `limit` addresses (a /22 for 1,024 IPv4). */
function largestPrefixWithin(kind: AddressKind, limit: number): number {
  return BITS[kind] - Math.floor(Math.log2(Math.max(1, limit)));
}

/**
 * Private/reserved addresses of an expanded entry, as contiguous runs of one kind ("192.0.0.0–
 * 192.0.0.255"): `fresh` is the entry's addresses in order, each with its label (undefined for a
 * public address, which ends a run).
 */
function notPublicRuns(
  entry: AddressEntry,
  fresh: readonly { address: string; label: string | undefined }[],
): NotPublicGroup[] {
  const groups: { first: string; last: string; count: number; kind: string }[] = [];
  let open = false;
  for (const { address, label } of fresh) {
    if (label === undefined) {
      open = false;
      continue;
    }
    const last = groups.at(-1);
    if (open && last && last.kind === label) {
      last.last = address;
      last.count += 1;
    } else {
      groups.push({ first: address, last: address, count: 1, kind: label });
      open = true;
    }
  }
  return groups.map((g) => ({
    entry,
    addresses: g.count === 1 ? g.first : `${g.first}–${g.last}`,
    count: BigInt(g.count),
    kind: g.kind,
  }));
}

/**
 * Expands ranges into single addresses for a block-list run, capped at `limit` public addresses
 * in total after de-duplication (an address named twice counts once).
 *
 * Private and reserved addresses (RFC 1918, loopback, link-local, documentation, CGNAT,
 * multicast, unique local…) are never included: they are returned in `notPublic` with what they
 * are, and do not count towards the limit. A whole entry inside such a range is set aside in one
 * piece, however large.
 *
 * Entries are taken in input order, each whole or not at all: a range that does not fit is
 * refused and named, and later entries that still fit are kept, so the mail servers listed after
 * a too-large range are still checked.
 *
 * IPv4 network and broadcast addresses are included: the admin asked about the whole range, the
 * count then matches what they expect (a /24 is 256 addresses), /31 and /32 have neither (RFC
 * 3021), and a range that is part of a larger routed block can use its ".0" and ".255" for hosts,
 * which block lists list like any other address.
 */
export function expandTargets(entries: readonly AddressEntry[], limit: number): ExpandedTargets {
  const seen = new Set<string>();
  const seenNotPublic = new Set<string>();
  const addresses: string[] = [];
  const refused: ExpandedTargets['refused'] = [];
  const notPublic: NotPublicGroup[] = [];
  const limitText = `the limit of ${formatNumber(limit)} addresses per check`;
  for (const entry of entries) {
    const size = entrySize(entry);
    const whole = wholeEntryLabel(entry);
    if (whole !== undefined) {
      if (!seenNotPublic.has(entry.normalised)) {
        seenNotPublic.add(entry.normalised);
        notPublic.push({ entry, addresses: entry.normalised, count: size, kind: whole });
      }
      continue;
    }
    const line = `Line ${entry.line}: ${entry.normalised} was left out`;
    if (size > BigInt(limit)) {
      const smaller = largestPrefixWithin(entry.kind, limit);
      const message =
        entry.kind === 'ipv4'
          ? `${line}: it holds ${formatNumber(size)} addresses, over ${limitText}. Split it into /${smaller} ranges (or smaller) and check one per run, or list only the addresses your mail servers use.`
          : `${line}: a /${entry.prefixLength} holds ${formatNumber(size)} addresses, far too many to check one by one (${limitText}). List the addresses your mail servers actually use, or ranges of /${smaller} or smaller.`;
      refused.push({ entry, message });
      continue;
    }
    const fresh = enumerate(entry)
      .filter((address) => !seen.has(address) && !seenNotPublic.has(address))
      .map((address) => ({ address, label: notPublicReason(address) }));
    const publicFresh = fresh.filter((f) => f.label === undefined).map((f) => f.address);
    if (seen.size + publicFresh.length > limit) {
      const total = seen.size + publicFresh.length;
      refused.push({
        entry,
        message: `${line}: it adds ${formatNumber(publicFresh.length)} addresses to the ${formatNumber(seen.size)} already included, ${formatNumber(total)} in all, over ${limitText}. Check this range in a separate run (remove the lines above it, or check only part of it), or list only the addresses your mail servers use.`,
      });
      continue;
    }
    for (const address of publicFresh) {
      seen.add(address);
      addresses.push(address);
    }
    for (const f of fresh) if (f.label !== undefined) seenNotPublic.add(f.address);
    notPublic.push(...notPublicRuns(entry, fresh));
  }
  return { addresses, refused, notPublic };
}
