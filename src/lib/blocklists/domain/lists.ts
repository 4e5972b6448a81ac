import type { AddressKind } from '../../net/address-lines';
import { normaliseZone } from '../../net/query-name';
import { customListId, zoneNameProblem, type CustomList } from '../../model/blocklist-list';
import type { DnsblList } from '../../model/blocklist-catalogue';
import { DNSBL_LISTS } from '../../content/blocklists';

/**
 * What the app decides about block lists: which may be chosen with which resolver, which are
 * selected by default, which zone to query, and what to say about a zone the user types in.
 * The lists themselves are data (content/blocklists.json); their shape is model/blocklist-catalogue.ts.
 */

/**
 * 'public': a public DoH resolver such as Cloudflare (the default). 'custom': the organisation's
 * own DoH resolver, which Spamhaus and Barracuda can be made to answer.
 */
export type ResolverKind = 'public' | 'custom';

export type Availability =
  { selectable: true; needsKey: boolean } | { selectable: false; reason: string };

/** Whether a list may be chosen at all with this kind of resolver, and why not. */
export function availability(list: DnsblList, resolverKind: ResolverKind): Availability {
  if (list.status === 'dead') {
    return {
      selectable: false,
      reason: `${list.name} shut down on ${list.deadSince ?? 'an unknown date'}: do not query it`,
    };
  }
  if (list.notOffered) return { selectable: false, reason: list.notOffered };
  if (resolverKind === 'public' && list.worksWithPublicResolvers === false) {
    return {
      selectable: false,
      reason: `${list.name} does not answer public resolvers: choose your own resolver to use it. ${list.accessNote}`,
    };
  }
  return { selectable: true, needsKey: list.zone.startsWith('{key}.') };
}

/**
 * The lists selected before the user changes anything: alive, offered, address lists, free,
 * not excluded for a stated reason (a subset of another list, controversial), and not known to
 * refuse this kind of resolver. Lists whose behaviour with public resolvers is unknown are
 * included: the test-point check before each run decides, and reports a list that fails it
 * instead of reporting its addresses as clean.
 */
export function defaultSelection(
  lists: readonly DnsblList[],
  resolverKind: ResolverKind,
): DnsblList[] {
  return lists.filter(
    (list) =>
      list.target === 'ip' &&
      list.access === 'free' &&
      !list.notDefaultBecause &&
      availability(list, resolverKind).selectable,
  );
}

/** A DNS label a key or activation code must fit in, since it is sent inside the query name. */
const KEY = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export type ZoneResolution = { ok: true; zone: string } | { ok: false; message: string };

/**
 * The zone to query for an address of this kind, with the key filled in for keyed services.
 * The key is not stored anywhere by this function; results should record the list id, never the
 * resolved zone or query name, so an exported report cannot leak the key.
 */
export function resolveZone(
  list: Pick<DnsblList, 'zone' | 'ipv6Zone' | 'name'>,
  kind: AddressKind,
  key?: string,
): ZoneResolution {
  const template = kind === 'ipv6' && list.ipv6Zone ? list.ipv6Zone : list.zone;
  if (!template.startsWith('{key}.')) return { ok: true, zone: template };
  const trimmed = key?.trim() ?? '';
  if (trimmed === '') return { ok: false, message: `${list.name} needs your key` };
  if (!KEY.test(trimmed)) {
    return {
      ok: false,
      message: `The key for ${list.name} can only contain letters, digits and hyphens (up to 63)`,
    };
  }
  return { ok: true, zone: template.replace('{key}', trimmed.toLowerCase()) };
}

/**
 * A custom zone as a list, so it is queried, health-checked and classified like any other.
 * Nothing is assumed about it: terms and resolver behaviour are unknown.
 */
export function customToList(custom: CustomList): DnsblList {
  return {
    id: customListId(custom.zone),
    zone: custom.zone,
    name: custom.name || custom.zone,
    operator: 'Added by you',
    lists: 'as described by its operator',
    target: 'ip',
    ipv6: custom.ipv6,
    codes: custom.codes,
    codesStatus: custom.codes.length > 0 || custom.bitmask ? 'published' : 'unknown',
    bitmask: custom.bitmask,
    errorCodes: [],
    access: 'unknown',
    accessNote: 'Added by you: check the operator’s terms of use.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
  };
}

export interface ZoneWarning {
  /** 'error': do not query; 'warning': queryable, but the user should know; 'info': a hint. */
  severity: 'error' | 'warning' | 'info';
  message: string;
}

function under(zone: string, domain: string): boolean {
  return zone === domain || zone.endsWith(`.${domain}`);
}

/** What a user should be told about a zone they type in, before it is ever queried. */
export function checkCustomZone(
  zone: string,
  lists: readonly DnsblList[] = DNSBL_LISTS,
): ZoneWarning[] {
  const normalised = normaliseZone(zone);
  const warnings: ZoneWarning[] = [];
  const problem = zoneNameProblem(normalised);
  if (problem) warnings.push({ severity: 'error', message: `Not a valid zone name: ${problem}` });

  for (const list of lists) {
    const exact = normalised === list.zone || normalised === list.ipv6Zone;
    const family = list.family !== undefined && under(normalised, list.family);
    if (!exact && !family) continue;
    if (list.status === 'dead') {
      warnings.push({
        severity: 'error',
        message: `${normalised} belongs to ${list.name}, which shut down on ${list.deadSince}: do not query it (a dead list can be emptied or wildcarded, so its answers mean nothing)`,
      });
    } else if (list.notOffered) {
      warnings.push({ severity: 'error', message: list.notOffered });
    } else if (exact) {
      // The same zone twice would ask the same question twice; one of them would never answer.
      warnings.push({
        severity: 'error',
        message: `${normalised} is already in the catalogue as ${list.name}: select it there, so its return codes are explained`,
      });
    }
  }

  if (under(normalised, 'spamhaus.org')) {
    warnings.push({
      severity: 'warning',
      message:
        'Public Spamhaus zones refuse public resolvers such as Cloudflare (127.255.255.254) and give Google Public DNS empty answers: use your own resolver, or the Spamhaus DQS entry with a free key',
    });
  }
  const keyedFamily = lists.some(
    (list) =>
      list.zone.startsWith('{key}.') && list.family !== undefined && under(normalised, list.family),
  );
  if (keyedFamily) {
    warnings.push({
      severity: 'warning',
      message:
        'This zone seems to contain your key, and a custom zone is saved with the assessment and its exports: use the catalogue entry and enter the key there instead',
    });
  }
  if (under(normalised, 'uceprotect.net') && !lists.some((l) => l.zone === normalised)) {
    warnings.push({
      severity: 'warning',
      message:
        'UCEPROTECT levels 2 and 3 list whole allocations and providers, not your addresses: a listing there says little about your own servers',
    });
  }

  // Dead lists first, then warnings, then hints; duplicates (a zone matching twice) removed.
  const order = { error: 0, warning: 1, info: 2 };
  const seen = new Set<string>();
  return warnings
    .filter((w) => (seen.has(w.message) ? false : (seen.add(w.message), true)))
    .sort((a, b) => order[a.severity] - order[b.severity]);
}
