import ipaddr from 'ipaddr.js';
import type { AddressKind } from '../../net/address-lines';
import type { BlocklistResult, NotChecked, RunList } from '../../model/blocklist-run';
import {
  classifyAnswer,
  shouldSkip,
  skipped,
  type Classification,
  type Health,
  type HealthFault,
  type RawOutcome,
} from './classify';
import type { DnsblList } from '../../model/blocklist-catalogue';
import { resolveZone } from './lists';
import { dnsblQueryName, queryZone, reversedAddress, testPoints } from '../../net/query-name';

/**
 * Planning a run: which names to ask, in what order, and how each answer becomes a stored
 * result. Pure, so the machine and the engine only move data and the rules live here.
 */

export interface Target {
  address: string;
  kind: AddressKind;
}

export function toTarget(address: string): Target {
  return { address, kind: ipaddr.parse(address).kind() };
}

/** Everything a run needs, as the check machine receives it. */
export interface CheckRequest {
  resolver: { label: string; url: string };
  lists: PlannedList[];
  targets: Target[];
  concurrency: number;
  /** A resolver of the organisation's own, not a public one: refusals are worded for it. */
  ownResolver?: boolean;
  timeoutMs: number;
  /** The user already agreed to exactly this resolver and these lists for this assessment. */
  consented: boolean;
  /** What the user typed but the run will not ask about, and why: recorded with the run. */
  notChecked?: NotChecked[];
}

/** A list's test-point outcome for each address family checked. */
export type FamilyHealth = Partial<Record<AddressKind, Health>>;

/** What the `checkHealth` actor is given. */
export interface HealthInput {
  request: CheckRequest;
}

/** What the `runQueries` actor is given: the request and the questions of this pass. */
export interface QueriesInput {
  request: CheckRequest;
  tasks: QueryTask[];
}

/** A list ready to query: its zones resolved (with any key) for each address family. */
export interface PlannedList {
  list: DnsblList;
  /** Zones actually queried. May contain the user's key: never store these. */
  zones: Partial<Record<AddressKind, string>>;
}

export interface QueryTask {
  /** `${address}|${listId}`: one result per address and list. */
  key: string;
  address: string;
  kind: AddressKind;
  listId: string;
  name: string;
}

export interface HealthTask {
  listId: string;
  kind: AddressKind;
  listedName: string;
  notListedName: string;
}

export function taskKey(address: string, listId: string): string {
  return `${address}|${listId}`;
}

/** Plans a list for a run, or says why it cannot be queried (a missing key, for example). */
export function planList(
  list: DnsblList,
  key: string | undefined,
): { ok: true; planned: PlannedList } | { ok: false; message: string } {
  const zones: PlannedList['zones'] = {};
  for (const kind of ['ipv4', 'ipv6'] as const) {
    const resolved = resolveZone(list, kind, key);
    if (!resolved.ok) return { ok: false, message: resolved.message };
    zones[kind] = resolved.zone;
  }
  return { ok: true, planned: { list, zones } };
}

/** The RFC 5782 test points to ask each list, for each address family the targets use. */
export function planHealthChecks(
  lists: readonly PlannedList[],
  targets: readonly Target[],
): HealthTask[] {
  const kinds = (['ipv4', 'ipv6'] as const).filter((kind) => targets.some((t) => t.kind === kind));
  const tasks: HealthTask[] = [];
  for (const { list, zones } of lists) {
    for (const kind of kinds) {
      const zone = zones[kind];
      if (!zone || shouldSkip(list, kind)) continue;
      const points = testPoints(kind);
      tasks.push({
        listId: list.id,
        kind,
        listedName: dnsblQueryName(points.listed, zone),
        notListedName: dnsblQueryName(points.notListed, zone),
      });
    }
  }
  return tasks;
}

/**
 * One task per address and usable list, interleaved across lists (address 1 on every list,
 * then address 2…) so per-list rate limits spread out and early results cover every list.
 * Pairs a list cannot answer (IPv6 on an IPv4-only list) become "skipped" results at once.
 * Duplicate names are dropped: no question is asked twice in a run.
 */
export function planQueries(
  targets: readonly Target[],
  lists: readonly PlannedList[],
  isUsable: (listId: string, kind: AddressKind) => boolean,
): { tasks: QueryTask[]; skipped: BlocklistResult[] } {
  const tasks: QueryTask[] = [];
  const skippedResults: BlocklistResult[] = [];
  const names = new Set<string>();
  // Names are built from parts worked out once: 1,024 addresses on 8 lists parsed each address
  // eight times, in one task long enough to be felt as the run started.
  const zonesOf = lists.map(({ zones }) => ({
    ipv4: zones.ipv4 && queryZone(zones.ipv4),
    ipv6: zones.ipv6 && queryZone(zones.ipv6),
  }));
  for (const target of targets) {
    let reversed: string | undefined;
    for (const [index, { list }] of lists.entries()) {
      if (shouldSkip(list, target.kind)) {
        skippedResults.push(toLookupResult(target.address, list.id, skipped(list, target.kind)));
        continue;
      }
      if (!isUsable(list.id, target.kind)) continue;
      const zone = zonesOf[index]?.[target.kind];
      if (!zone) continue;
      reversed ??= reversedAddress(target.address);
      const name = `${reversed}.${zone}`;
      if (names.has(name)) continue;
      names.add(name);
      tasks.push({
        key: taskKey(target.address, list.id),
        address: target.address,
        kind: target.kind,
        listId: list.id,
        name,
      });
    }
  }
  return { tasks, skipped: skippedResults };
}

/** The stored form of one classified answer: raw codes kept as evidence beside the words. */
export function toLookupResult(
  address: string,
  listId: string,
  classification: Classification,
  outcome?: RawOutcome,
): BlocklistResult {
  const base: BlocklistResult = {
    address,
    listId,
    outcome: classification.kind,
    codes: outcome?.kind === 'answer' ? outcome.a.slice(0, 32) : [],
    meanings: [],
  };
  if (outcome?.kind === 'answer') {
    base.rcode = outcome.rcode;
    if (outcome.ttl !== undefined) base.ttl = outcome.ttl;
  }
  if (outcome) base.elapsedMs = Math.round(outcome.elapsedMs);
  switch (classification.kind) {
    case 'listed':
      base.meanings = classification.codes.map((c) => `${c.value}: ${c.meaning}`);
      if (classification.reason) base.txt = classification.reason.slice(0, 2000);
      break;
    case 'refused':
      base.detail = `The list refused to answer (${classification.code}: ${classification.meaning}).`;
      break;
    case 'broken-list':
    case 'resolver-error':
      base.detail = classification.detail.slice(0, 500);
      break;
    case 'timeout':
      base.detail = outcome
        ? `No answer within ${Math.round(outcome.elapsedMs)} ms.`
        : 'No answer in time.';
      break;
    case 'skipped':
      base.detail = classification.reason;
      break;
    case 'not-listed':
      break;
  }
  return base;
}

/** Classifies one answer (and the TXT answer fetched for a listing) into its stored result. */
export function resultFor(
  task: Pick<QueryTask, 'address' | 'listId'>,
  list: DnsblList,
  outcome: RawOutcome,
  txtOutcome?: RawOutcome,
): BlocklistResult {
  return toLookupResult(
    task.address,
    task.listId,
    classifyAnswer(outcome, list, txtOutcome),
    outcome,
  );
}

/**
 * The list as recorded in a run: the zone template, never the zone with a key in it. Usable
 * overall when at least one address family passed its test points.
 */
export function runListOf(list: DnsblList, checkedHealth: RunList['familyHealth']): RunList {
  // Reasons can quote a resolver's error text; stored ones are bounded by the schema.
  const bounded = (h: Health | undefined): Health | undefined =>
    h && !h.usable ? { usable: false, reason: h.reason.slice(0, 500) } : h;
  const familyHealth: RunList['familyHealth'] = {};
  for (const kind of ['ipv4', 'ipv6'] as const) {
    const health = bounded(checkedHealth[kind]);
    if (health) familyHealth[kind] = health;
  }
  const checked = [familyHealth.ipv4, familyHealth.ipv6].filter((h) => h !== undefined);
  const failed = checked.find((h) => !h.usable);
  const health: RunList['health'] =
    checked.some((h) => h.usable) || !failed ? { usable: true } : failed;
  return {
    id: list.id,
    name: list.name,
    zone: list.zone,
    operator: list.operator,
    ...(list.lookupUrl ? { lookupUrl: list.lookupUrl } : {}),
    health,
    familyHealth,
  };
}

/**
 * When no list passed its test points for any family the targets use, nothing can be checked:
 * the run fails with this reason instead of finishing as "evidence" that holds no verdict.
 * Undefined when at least one list can answer (or no test point applied, as for IPv6 addresses
 * on IPv4-only lists, whose pairs are simply skipped).
 *
 * When no DNS answer came back for any list (network, HTTP, a reply that is not DNS), the resolver
 * is the problem and the message says so, rather than blaming the first list's test points. It
 * says nothing about stored evidence: whether there is any is the screen's to say.
 */
export function whyNothingCanBeChecked(
  lists: readonly PlannedList[],
  health: Readonly<Record<string, Partial<Record<AddressKind, Health>>>>,
): string | undefined {
  const checked = lists.flatMap(({ list }) =>
    Object.values(health[list.id] ?? {}).map((h) => ({ name: list.name, health: h })),
  );
  if (checked.length === 0 || checked.some(({ health }) => health.usable)) return undefined;
  const failures = checked.map(({ name, health }) =>
    health.usable ? { name, reason: '', fault: undefined } : { name, ...health },
  );
  const reasons = [...new Set(failures.map(({ reason }) => reason.trim()))];
  const first = failures[0];
  const tidy = (reason: string | undefined) => reason?.replace(/\.$/, '') ?? '';
  const allFault = (fault: HealthFault) => failures.every((f) => f.fault === fault);
  if (allFault('resolver-unreachable')) {
    return (
      'The resolver could not be reached, so no list and no address could be checked. ' +
      `No DNS answer came back for any list's test points: ${tidy(first?.reason)}. ` +
      'The lists are not at fault: check that the resolver address is right and reachable from ' +
      'this browser (network, firewall, browser extensions), then try again.'
    );
  }
  const sameResolverFault =
    failures.length > 1 && (allFault('resolver-error') || allFault('timeout'));
  if (sameResolverFault) {
    return (
      'Every list failed its test points the same way at the same time through this resolver, ' +
      'so no address could be checked. That points at the resolver, not the lists: ' +
      `${tidy(first?.reason)}. Check that the resolver works and can reach the internet, then try again.`
    );
  }
  const why =
    reasons.length === 1
      ? `Every list gave the same answer: ${tidy(reasons[0])}.`
      : `For example, ${first?.name}: ${tidy(first?.reason)}.`;
  return (
    'No list answered its test points correctly through this resolver, so no address could be ' +
    `checked. ${why} Check that the resolver address is right and reachable from this browser, ` +
    'then try again.'
  );
}

/** Results that said nothing because something failed on the way, worth asking again. */
export function isRetryable(result: BlocklistResult): boolean {
  return result.outcome === 'resolver-error' || result.outcome === 'timeout';
}
