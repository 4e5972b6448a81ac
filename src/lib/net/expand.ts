import ipaddr from 'ipaddr.js';
import { formatNumber, plural } from '../shared/format';
import { BITS, formatAddress, type AddressEntry, type AddressKind } from './address-lines';
import { notPublicReason, specialLabel } from './special-ranges';

/**
 * Turning the entries a user typed into the addresses a block-list check asks about: how many a
 * range holds, every address of a range, which are private or reserved, and the per-run limit.
 */

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
    result.push(formatAddress(ipaddr.fromByteArray(fromBigInt(start + i, bytes.length))));
  }
  return result;
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
