import ipaddr from 'ipaddr.js';
import type { AddressKind } from '../../net/address-lines';
import type { ReturnCode } from '../../model/blocklist-list';
import type { DnsblList } from '../../model/blocklist-catalogue';
import { UNKNOWN_CODE } from '../../model/blocklist-run';
import { testPoints } from '../../net/query-name';

/**
 * Turning what a resolver said into what the user is told. The rule that matters most: only a
 * clean NXDOMAIN (or an empty NOERROR) is "not listed", and only an in-127/8 non-error A record
 * is "listed". Everything else (a list refusing the resolver, a broken or wildcarded zone, a
 * resolver failure, a timeout) is reported as such and is never a verdict, because a refusal that
 * looked like "not listed" would tell an organisation it is clean when nobody checked.
 */

/** What the DoH client returns: the facts of one query, with no interpretation. */
export type RawOutcome =
  | {
      kind: 'answer';
      /** DNS response code as dns-packet names it: 'NOERROR', 'NXDOMAIN', 'SERVFAIL', ... */
      rcode: string;
      /** IPv4 addresses of the A records in the answer section, as dotted decimal. */
      a: string[];
      /** TXT records in the answer section, each record's strings joined. */
      txt: string[];
      /** Smallest TTL in the answer (or, for a negative answer, from the SOA), in seconds. */
      ttl?: number;
      elapsedMs: number;
      /** The resolver validated the answer with DNSSEC. */
      ad?: boolean;
    }
  | { kind: 'http-error'; status: number; elapsedMs: number }
  | { kind: 'bad-body'; detail: string; elapsedMs: number }
  | { kind: 'network-error'; detail: string; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number };

export interface DecodedCode {
  /** The A record, e.g. 127.0.0.4. */
  value: string;
  /** What it means, or an honest "meaning not published". */
  meaning: string;
  /** False when the meaning could not be decoded from the list's published codes. */
  known: boolean;
}

export type Classification =
  | {
      kind: 'listed';
      verdict: true;
      codes: DecodedCode[];
      /** The list's TXT explanation, when it gave one (RFC 5782: clients SHOULD show it). */
      reason?: string;
    }
  | { kind: 'not-listed'; verdict: true }
  | { kind: 'refused'; verdict: false; code: string; meaning: string }
  | { kind: 'broken-list'; verdict: false; answers: string[]; detail: string }
  | { kind: 'resolver-error'; verdict: false; detail: string }
  | { kind: 'timeout'; verdict: false }
  | { kind: 'skipped'; verdict: false; reason: string };

export type ClassificationKind = Classification['kind'];

const LOOPBACK = ipaddr.parseCIDR('127.0.0.0/8');
const ERROR_RANGE = ipaddr.parseCIDR('127.255.255.0/24');

/**
 * Meanings for 127.255.255.x when the list does not publish its own: the convention Spamhaus set
 * and other lists follow. The whole /24 counts as an error range: no list known here uses it for
 * listings, and misreading an error as a listing is the worse mistake.
 */
const GENERIC_ERRORS: Record<string, string> = {
  '127.255.255.252': 'typo in the zone name',
  '127.255.255.254': 'query came through a public or open resolver',
  '127.255.255.255': 'excessive number of queries',
};

function isIPv4(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value);
}

function errorMeaning(value: string, list: DnsblList): string | undefined {
  const own = list.errorCodes.find((code) => code.value === value);
  if (own) return own.meaning;
  if (!ipaddr.parse(value).match(ERROR_RANGE)) return undefined;
  return GENERIC_ERRORS[value] ?? 'error code (meaning not published)';
}

function unknownMeaning(list: DnsblList): string {
  return list.codesStatus === 'published'
    ? `${UNKNOWN_CODE} — the list's documentation does not define it`
    : `${UNKNOWN_CODE} — this list's codes are not documented here`;
}

function decodeBitmask(value: string, list: DnsblList): DecodedCode | undefined {
  const mask = list.bitmask;
  if (!mask) return undefined;
  const answer = ipaddr.IPv4.parse(value).octets;
  const base = ipaddr.IPv4.parse(mask.base).octets;
  if (answer.slice(0, 3).join('.') !== base.slice(0, 3).join('.')) return undefined;
  const last = answer[3] ?? 0;
  if (last === 0) return undefined;
  const parts: string[] = [];
  let known = true;
  for (let bit = 1; bit <= 128; bit <<= 1) {
    if ((last & bit) === 0) continue;
    const meaning = mask.bits.find((b) => b.bit === bit)?.meaning;
    if (!meaning) known = false;
    parts.push(meaning ?? `bit ${bit} (meaning not published)`);
  }
  return { value, meaning: parts.join(', '), known };
}

/** What one listing A record means for this list. */
export function decodeCode(value: string, list: DnsblList): DecodedCode {
  const exact: ReturnCode | undefined = list.codes.find((code) => code.value === value);
  if (exact) return { value, meaning: exact.meaning, known: true };
  return decodeBitmask(value, list) ?? { value, meaning: unknownMeaning(list), known: false };
}

/** Where a reason's plain words end and the technical detail (shown on demand) begins. */
export const TECHNICAL_DETAIL = 'Technical detail: ';

function resolverFailure(detail: string): Classification {
  return { kind: 'resolver-error', verdict: false, detail };
}

function keyHint(list: DnsblList): string {
  return list.zone.startsWith('{key}.')
    ? ' For a list that needs a key this usually means the key is wrong or disabled.'
    : '';
}

function rcodeDetail(rcode: string, list: DnsblList): string {
  const hint = keyHint(list);
  if (rcode === 'SERVFAIL') {
    return `The resolver could not get an answer from the list (SERVFAIL).${hint}`;
  }
  if (rcode === 'REFUSED') return `The query was refused (REFUSED).${hint}`;
  return `The resolver answered with the DNS error ${rcode}.`;
}

function classifyAddresses(
  addresses: readonly string[],
  list: DnsblList,
  reason?: string,
): Classification {
  const outside = addresses.filter((a) => !isIPv4(a) || !ipaddr.parse(a).match(LOOPBACK));
  if (outside.length > 0) {
    return {
      kind: 'broken-list',
      verdict: false,
      answers: [...addresses],
      detail: `The list answered ${outside.join(', ')}, outside 127.0.0.0/8: working lists never do, so the zone is broken or has been taken over, and this is not a listing.`,
    };
  }
  const errors = addresses
    .map((value) => ({ value, meaning: errorMeaning(value, list) }))
    .filter((e): e is { value: string; meaning: string } => e.meaning !== undefined);
  if (errors.length > 0 && errors.length < addresses.length) {
    return {
      kind: 'broken-list',
      verdict: false,
      answers: [...addresses],
      detail: `The list answered with both error codes (${errors.map((e) => e.value).join(', ')}) and listing codes: its answer cannot be trusted.`,
    };
  }
  const first = errors[0];
  if (first) return { kind: 'refused', verdict: false, code: first.value, meaning: first.meaning };
  return {
    kind: 'listed',
    verdict: true,
    codes: addresses.map((value) => decodeCode(value, list)),
    ...(reason ? { reason } : {}),
  };
}

/**
 * Classifies the A query for one address on one list. `txtOutcome` is the TXT query at the same
 * name, which callers make only once the address turned out listed; its text becomes the reason.
 */
export function classifyAnswer(
  outcome: RawOutcome,
  list: DnsblList,
  txtOutcome?: RawOutcome,
): Classification {
  switch (outcome.kind) {
    case 'timeout':
      return { kind: 'timeout', verdict: false };
    case 'http-error':
      return resolverFailure(
        outcome.status === 429
          ? 'The resolver asked us to slow down (HTTP 429 Too Many Requests).'
          : `The resolver answered HTTP ${outcome.status} instead of a DNS answer.`,
      );
    case 'bad-body':
      // Plain words first; what the DNS library said is for whoever looks into it.
      return resolverFailure(
        `The resolver's reply could not be read as a DNS answer, so it says nothing about the address. ${TECHNICAL_DETAIL}${outcome.detail}`,
      );
    case 'network-error':
      return resolverFailure(
        `The resolver could not be reached (${outcome.detail}). The network may be down, or the resolver, a firewall or a browser extension blocked the request.`,
      );
    case 'answer':
      break;
  }
  const unique = [...new Set(outcome.a)];
  if (outcome.rcode === 'NXDOMAIN') {
    return unique.length === 0
      ? { kind: 'not-listed', verdict: true }
      : resolverFailure(
          'The resolver said NXDOMAIN but also gave addresses: an inconsistent answer.',
        );
  }
  if (outcome.rcode !== 'NOERROR') return resolverFailure(rcodeDetail(outcome.rcode, list));
  if (unique.length === 0) return { kind: 'not-listed', verdict: true };
  const txt = [
    ...outcome.txt,
    ...(txtOutcome?.kind === 'answer' && txtOutcome.rcode === 'NOERROR' ? txtOutcome.txt : []),
  ];
  const reason = [...new Set(txt.map((t) => t.trim()).filter((t) => t !== ''))].join(' / ');
  return classifyAddresses(unique, list, reason || undefined);
}

/**
 * Whether a list is not asked about an address at all. Decided before querying: an IPv4-only list
 * asked about an IPv6 address answers NXDOMAIN, which would read as "not listed". Lists whose IPv6
 * support is unknown are asked, and their IPv6 test points decide (see `assessHealth`).
 */
export function shouldSkip(list: DnsblList, addressKind: AddressKind): boolean {
  return list.target !== 'ip' || (addressKind === 'ipv6' && list.ipv6 === false);
}

/** The classification recorded for a skipped pair, with the reason. */
export function skipped(list: DnsblList, addressKind: AddressKind): Classification {
  const reason =
    list.target !== 'ip'
      ? `${list.name} lists domain names, not addresses`
      : `${list.name} does not list ${addressKind === 'ipv6' ? 'IPv6' : 'IPv4'} addresses`;
  return { kind: 'skipped', verdict: false, reason };
}

/**
 * Where a failed test point went wrong, so a run where every list fails can name the resolver
 * instead of blaming each list: 'resolver-unreachable' (no DNS answer came back at all: network,
 * HTTP or a reply that was not DNS), 'resolver-error' (a DNS error such as SERVFAIL) or
 * 'timeout'. Absent when the list itself answered wrongly. Not stored with a run.
 */
export type HealthFault = 'resolver-unreachable' | 'resolver-error' | 'timeout';

export type Health = { usable: true } | { usable: false; reason: string; fault?: HealthFault };

function faultOf(raw: RawOutcome, c: Classification): { fault?: HealthFault } {
  if (raw.kind === 'network-error' || raw.kind === 'http-error' || raw.kind === 'bad-body') {
    return { fault: 'resolver-unreachable' };
  }
  if (c.kind === 'timeout') return { fault: 'timeout' };
  return c.kind === 'resolver-error' ? { fault: 'resolver-error' } : {};
}

/** Which kind of resolver asked: the advice after a refusal depends on it. */
export type ResolverInUse = 'public' | 'own';

function refusalReason(
  code: string,
  meaning: string,
  list: DnsblList,
  resolver: ResolverInUse,
): string {
  if (code === '127.255.255.254') {
    const dqs = list.operator === 'Spamhaus' ? ', or use the DQS entry with a key' : '';
    if (resolver === 'own') {
      // Telling someone on their own resolver to use "a resolver of your own" helps nobody.
      return `The list refused your resolver (127.255.255.254): it takes it for a public or open resolver, usually because it forwards its queries to one (such as Cloudflare or Google) or answers anyone on the Internet. Ask whoever runs it to let it ask the list directly from your network${dqs}`;
    }
    return `The list refused the resolver (127.255.255.254): it does not answer public resolvers such as Cloudflare, nor resolvers that forward to them; use a resolver of your own that asks the list directly (not through a public one)${dqs}`;
  }
  return `The list refused to answer (${code}: ${meaning}); until it answers, its results would mean nothing`;
}

function pointFailure(
  point: string,
  c: Classification,
  list: DnsblList,
  raw: RawOutcome,
  resolver: ResolverInUse,
): string | undefined {
  switch (c.kind) {
    case 'refused':
      return refusalReason(c.code, c.meaning, list, resolver);
    case 'broken-list':
      return `The list's answer for its test point ${point} is broken: ${c.detail}`;
    case 'resolver-error':
      // A DNS error is the resolver's answer, not the list's: never worded as if the list had
      // answered "not listed" for its test point.
      if (raw.kind === 'answer' && raw.rcode !== 'NOERROR' && raw.rcode !== 'NXDOMAIN') {
        return `The resolver returned an error (${raw.rcode}) for the list's test point ${point}, so the list could not be checked.${keyHint(list)}`;
      }
      return `The list's test point ${point} could not be checked, so neither could the list: ${c.detail}`;
    case 'timeout':
      // The request to the resolver hung: whether the resolver or the list behind it is slow
      // cannot be told from here.
      return `No answer came from the resolver for the list's test point ${point} within the time limit: the resolver or the list may be at fault, so the list's other answers cannot be relied on either`;
    case 'skipped':
      return `The list's test point ${point} was not checked`;
    case 'listed':
    case 'not-listed':
      return undefined;
  }
}

/**
 * RFC 5782 section 5 health check, made before any address is looked up: the list must list its
 * 127.0.0.2 test point (::ffff:7f00:2 for IPv6) with a non-error in-127/8 answer and must not list
 * 127.0.0.1 (::ffff:7f00:1). A list failing either is left out of the run with the reason, since
 * its "not listed" answers (a refusing or emptied list) or "listed" answers (a wildcarded one)
 * would be false.
 */
export function assessHealth(
  list: DnsblList,
  kind: AddressKind,
  listedPointOutcome: RawOutcome,
  notListedPointOutcome: RawOutcome,
  resolver: ResolverInUse = 'public',
): Health {
  const points = testPoints(kind);
  const listed = classifyAnswer(listedPointOutcome, list);
  const listedFailure = pointFailure(points.listed, listed, list, listedPointOutcome, resolver);
  if (listedFailure) {
    return { usable: false, reason: listedFailure, ...faultOf(listedPointOutcome, listed) };
  }
  if (listed.kind === 'not-listed') {
    return {
      usable: false,
      reason: `The list does not list its test point ${points.listed}, as every working list must (RFC 5782): it is not answering this resolver${list.operator === 'Spamhaus' ? ' (Spamhaus gives Google Public DNS empty answers)' : ''}${kind === 'ipv6' && list.ipv6 !== true ? ', does not support IPv6' : ''} or has been shut down; its "not listed" answers cannot be trusted`,
    };
  }
  const notListed = classifyAnswer(notListedPointOutcome, list);
  const notListedFailure = pointFailure(
    points.notListed,
    notListed,
    list,
    notListedPointOutcome,
    resolver,
  );
  if (notListedFailure) {
    return {
      usable: false,
      reason: notListedFailure,
      ...faultOf(notListedPointOutcome, notListed),
    };
  }
  if (notListed.kind === 'listed') {
    return {
      usable: false,
      reason: `The list answers 'listed' for its ${points.notListed} test point: the zone is wildcarded or broken; its answers cannot be trusted`,
    };
  }
  return { usable: true };
}
