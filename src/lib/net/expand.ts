import ipaddr from 'ipaddr.js';
import { formatNumber, plural } from '../shared/format';
import { BITS, type AddressEntry, type AddressKind } from './address-lines';
import { labelSpan, type LabelledSpan } from './special-ranges';
import { bytesToBigInt, cidrSpan, formatAddressAt, spanLength, SpanSet, type Span } from './spans';

/**
 * Turning the entries a user typed into the addresses a block-list check asks about: how many a
 * range holds, which are private or reserved, the per-run limit, and the addresses themselves.
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
    const from = bytesToBigInt(ipaddr.parse(first).toByteArray());
    const to = bytesToBigInt(ipaddr.parse(last).toByteArray());
    return to >= from ? to - from + 1n : undefined;
  } catch {
    return undefined;
  }
}

/** The addresses an entry covers, as numbers. */
function entrySpan(entry: AddressEntry): Span {
  const network = entry.normalised.split('/')[0] ?? entry.normalised;
  return cidrSpan(network, entry.kind, entry.prefixLength);
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

/** A run of private or reserved addresses of one kind, as the user is told about it. */
function notPublicGroup(entry: AddressEntry, piece: LabelledSpan, kind: string): NotPublicGroup {
  const count = spanLength(piece);
  const first = formatAddressAt(entry.kind, piece.first);
  return {
    entry,
    addresses: count === 1n ? first : `${first}–${formatAddressAt(entry.kind, piece.last)}`,
    count,
    kind,
  };
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
 * Whether an entry fits is worked out by arithmetic on address numbers (what it adds to the
 * ranges already taken, minus its private and reserved parts), never by listing its addresses:
 * only the addresses that will be checked are written out, so however many ranges are pasted, no
 * more than `limit` addresses are ever made.
 *
 * IPv4 network and broadcast addresses are included: the admin asked about the whole range, the
 * count then matches what they expect (a /24 is 256 addresses), /31 and /32 have neither (RFC
 * 3021), and a range that is part of a larger routed block can use its ".0" and ".255" for hosts,
 * which block lists list like any other address.
 */
export function expandTargets(entries: readonly AddressEntry[], limit: number): ExpandedTargets {
  /** The addresses of every entry taken so far, per family: what a later entry may repeat. */
  const taken: Record<AddressKind, SpanSet> = { ipv4: new SpanSet(), ipv6: new SpanSet() };
  const wholeNotPublic = new Set<string>();
  const addresses: string[] = [];
  const refused: ExpandedTargets['refused'] = [];
  const notPublic: NotPublicGroup[] = [];
  const limitText = `the limit of ${formatNumber(limit)} addresses per check`;
  for (const entry of entries) {
    const span = entrySpan(entry);
    const size = spanLength(span);
    const kinds = labelSpan(entry.kind, span);
    const whole = kinds.length === 1 ? kinds[0]?.label : undefined;
    if (whole !== undefined) {
      // Named once: not again when typed twice, nor when an earlier range already named it.
      const named = wholeNotPublic.has(entry.normalised) || taken[entry.kind].covers(span);
      if (!named) {
        wholeNotPublic.add(entry.normalised);
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
    // The entry is at most `limit` addresses from here on; its new ones are still only counted.
    const fresh = taken[entry.kind].missing(span).flatMap((part) => labelSpan(entry.kind, part));
    const publicFresh = fresh
      .filter((piece) => piece.label === undefined)
      .reduce((sum, piece) => sum + Number(spanLength(piece)), 0);
    if (addresses.length + publicFresh > limit) {
      const total = addresses.length + publicFresh;
      refused.push({
        entry,
        message: `${line}: it adds ${formatNumber(publicFresh)} addresses to the ${formatNumber(addresses.length)} already included, ${formatNumber(total)} in all, over ${limitText}. Check this range in a separate run (remove the lines above it, or check only part of it), or list only the addresses your mail servers use.`,
      });
      continue;
    }
    taken[entry.kind].add(span);
    for (const piece of fresh) {
      if (piece.label !== undefined) {
        notPublic.push(notPublicGroup(entry, piece, piece.label));
        continue;
      }
      for (let value = piece.first; value <= piece.last; value++) {
        addresses.push(formatAddressAt(entry.kind, value));
      }
    }
  }
  return { addresses, refused, notPublic };
}
