import ipaddr from 'ipaddr.js';
import { BITS, formatAddress, type AddressKind } from './address-lines';

/**
 * Addresses as numbers, so that ranges are counted, compared and cut by arithmetic rather than
 * listed address by address: a /22 is one pair of numbers, not 1,024 strings, and 3,000 of them
 * pasted at once cost 3,000 subtractions, not three million formatted addresses.
 */

/** Consecutive addresses of one family, both ends included. */
export interface Span {
  first: bigint;
  last: bigint;
}

export function spanLength(span: Span): bigint {
  return span.last - span.first + 1n;
}

export function bytesToBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function bigIntToBytes(value: bigint, length: number): number[] {
  const bytes = new Array<number>(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** The address at a number, as ipaddr.js holds it. */
export function addressAt(kind: AddressKind, value: bigint): ipaddr.IPv4 | ipaddr.IPv6 {
  return ipaddr.fromByteArray(bigIntToBytes(value, BITS[kind] / 8));
}

/** The address at a number, written as entries are (dotted quad, RFC 5952). */
export function formatAddressAt(kind: AddressKind, value: bigint): string {
  return formatAddress(addressAt(kind, value));
}

/** The span of a network written as "address/prefix" (its network address) or one address. */
export function cidrSpan(network: string, kind: AddressKind, prefixLength: number): Span {
  const first = bytesToBigInt(ipaddr.parse(network).toByteArray());
  return { first, last: first + (1n << BigInt(BITS[kind] - prefixLength)) - 1n };
}

/**
 * A set of addresses kept as sorted, disjoint spans with gaps between them: adding a span merges
 * it with whatever it overlaps or touches, so the set stays as short as the ranges it was given.
 */
export class SpanSet {
  readonly #spans: Span[] = [];

  /** Index of the first span that ends at or after `value` (the length when there is none). */
  #firstEndingFrom(value: bigint): number {
    let low = 0;
    let high = this.#spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#spans[middle] as Span).last < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The parts of `span` that are not in the set, in ascending order. */
  missing(span: Span): Span[] {
    const parts: Span[] = [];
    let from = span.first;
    for (let i = this.#firstEndingFrom(span.first); i < this.#spans.length; i++) {
      const held = this.#spans[i] as Span;
      if (held.first > span.last) break;
      if (held.first > from) parts.push({ first: from, last: held.first - 1n });
      from = held.last + 1n;
      if (from > span.last) return parts;
    }
    parts.push({ first: from, last: span.last });
    return parts;
  }

  /** Whether every address of `span` is in the set. */
  covers(span: Span): boolean {
    const held = this.#spans[this.#firstEndingFrom(span.first)];
    return held !== undefined && held.first <= span.first && held.last >= span.last;
  }

  add(span: Span): void {
    // Spans ending just before this one touch it and are merged too.
    const start = this.#firstEndingFrom(span.first - 1n);
    let end = start;
    let first = span.first;
    let last = span.last;
    while (end < this.#spans.length && (this.#spans[end] as Span).first <= span.last + 1n) {
      const held = this.#spans[end] as Span;
      if (held.first < first) first = held.first;
      if (held.last > last) last = held.last;
      end++;
    }
    this.#spans.splice(start, end - start, { first, last });
  }
}
