import ipaddr from 'ipaddr.js';
import type { AddressKind } from './address-lines';

/**
 * Building the DNS name that asks a block list about one address (RFC 5782 section 2):
 * IPv4 octets reversed, IPv6 nibbles reversed as under ip6.arpa, then the list's zone.
 */

/**
 * Lowercase, trimmed, without trailing dots: DNS names are case-insensitive and a pasted
 * fully-qualified zone ("zen.spamhaus.org.") must give the same query name as the bare one.
 */
export function normaliseZone(zone: string): string {
  return zone.trim().toLowerCase().replace(/\.+$/, '');
}

/**
 * A zone as it ends a query name (see normaliseZone). Throws on an empty zone, or one that still
 * holds a `{key}` placeholder: keyed zones come from `resolveZone`, never from user input.
 */
export function queryZone(zone: string): string {
  const normalisedZone = normaliseZone(zone);
  if (normalisedZone === '') throw new Error('dnsblQueryName: the zone is empty');
  if (/[{}]/.test(normalisedZone)) {
    throw new Error(`dnsblQueryName: the zone ${normalisedZone} still has a placeholder`);
  }
  return normalisedZone;
}

/**
 * An address as it starts a query name: IPv4 octets reversed ("2.0.0.127"), IPv6 nibbles
 * reversed. The same for every list, so a run works it out once per address, not once per
 * address and list. Throws on an address `parseAddressLines` would not have given.
 */
export function reversedAddress(address: string): string {
  if (!ipaddr.isValid(address)) throw new Error(`dnsblQueryName: invalid address ${address}`);
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(address)) {
    throw new Error(`dnsblQueryName: ${address} is not a four-part decimal IPv4 address`);
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).zoneId !== undefined) {
    throw new Error(`dnsblQueryName: ${address} has a zone id`);
  }
  const bytes = parsed.toByteArray();
  const labels =
    parsed.kind() === 'ipv4'
      ? bytes.map(String)
      : bytes.flatMap((byte) => [(byte >> 4).toString(16), (byte & 0xf).toString(16)]);
  return labels.reverse().join('.');
}

/**
 * The query name for `address` on `zone`. Throws on an invalid address or an empty zone, or a
 * zone that still holds a `{key}` placeholder: those are programming errors (addresses come from
 * `parseAddressLines`, keyed zones from `resolveZone`), never user input to report.
 */
export function dnsblQueryName(address: string, zone: string): string {
  const normalisedZone = queryZone(zone);
  return `${reversedAddress(address)}.${normalisedZone}`;
}

/**
 * RFC 5782 section 5: every IPv4 list must list 127.0.0.2 and must not list 127.0.0.1; IPv6
 * lists the same addresses in IPv4-mapped form. Checking them is how a client tells a working
 * list from one that refuses the resolver, has been emptied, or has been wildcarded.
 */
export function testPoints(kind: AddressKind): { listed: string; notListed: string } {
  return kind === 'ipv4'
    ? { listed: '127.0.0.2', notListed: '127.0.0.1' }
    : { listed: '::ffff:7f00:2', notListed: '::ffff:7f00:1' };
}
