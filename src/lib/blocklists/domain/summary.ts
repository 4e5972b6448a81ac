import {
  OutcomeSchema,
  type ListHealth,
  type BlocklistResult,
  type BlocklistRun,
  type Outcome,
  type RunList,
} from '../../model/blocklist-run';
import {
  COUNTS_NOTE,
  EVERY_PAIR_ASKED,
  healthText,
  notCheckedText,
  OUTCOME_LABELS,
} from './wording';
import { coverageStatement, noListingsText, runOutcome, unaskedText } from './coverage-wording';
import { judgePair, latestByPair, listTrustedFor, runCoverage, type Coverage } from './coverage';
import { DNSBL_LISTS } from '../../content/blocklists';
import { notAskedByRun, notAskedText } from './not-asked';

/**
 * What a block-list run says, in the shape a report or a results screen needs: every listing and
 * every problem in full (they are the evidence someone has to act on), and the "not listed"
 * answers only as counts per list, since a run over a /22 would otherwise be thousands of rows.
 */

export const OUTCOMES: readonly Outcome[] = OutcomeSchema.options;

export interface ListRef {
  id: string;
  name: string;
  zone: string;
}

/** One result with its list named, as printed in the report. */
export interface ResultRow {
  address: string;
  list: ListRef;
  outcome: Outcome;
  codes: string[];
  meanings: string[];
  txt?: string;
  /** Why no verdict was possible, for problems. */
  detail?: string;
  rcode?: string;
  /** The outcome as every surface names it ("Not checked: list refused"…). */
  outcomeText: string;
}

export interface ListSummary extends ListRef {
  operator: string;
  health: ListHealth;
  familyHealth: RunList['familyHealth'];
  /** Raw answers by outcome, as received (including those from a list that failed its checks). */
  counts: Record<Outcome, number>;
  /** What the list's answers establish, pair by pair: only trusted verdicts count. */
  coverage: Coverage;
  /** The test-point outcome in words, per address family: "IPv4 passed; IPv6 failed: …". */
  healthText: string;
}

export interface ListCount extends ListRef {
  count: number;
}

export interface RunSummary {
  resolver: BlocklistRun['resolver'];
  startedAt: string;
  finishedAt?: string;
  state: BlocklistRun['state'];
  /**
   * The run's outcome in words: "Complete: …" only when every pair that could be asked has a
   * verdict, otherwise "Finished with gaps: N of M pairs have no verdict" (or cancelled, failed).
   */
  outcome: string;
  addressCount: number;
  lists: ListSummary[];
  /** Over every address and list: how many pairs got a trusted verdict, and why others did not. */
  coverage: Coverage;
  /** The one sentence a summary may say about listings (see wording.ts coverageStatement). */
  statement: string;
  /** The widely used lists this run did not ask (or could not trust), with their pages. */
  notAskedText?: string;
  /** What to say under "listed addresses" when there are none. */
  noListingsText: string;
  /** Pairs with no verdict and no answer to print, in a sentence; undefined when none. */
  unaskedText: string | undefined;
  /** What the per-list counts mean. */
  countsNote: string;
  /** Said when every pair was asked and answered. */
  everyPairAskedText: string;
  /** Listings from lists that passed their test points: the findings. */
  listed: ResultRow[];
  problems: ResultRow[];
  notListedByList: ListCount[];
  skippedByList: ListCount[];
  /**
   * Addresses the user listed that were never asked about, one sentence each, with why (private
   * or reserved, over the per-run limit). Empty when everything listed was asked about.
   */
  notChecked: string[];
}

/** A listing someone has to act on: the address, the list, what the list says and where to look. */
export interface BlocklistFinding {
  address: string;
  list: ListRef & { operator: string };
  codes: string[];
  meanings: string[];
  txt?: string;
  /** The operator's lookup or delisting page for this address. */
  lookupUrl?: string;
  /**
   * A lookup page the stored run names that is not the catalogue's own for this list (an
   * imported run can name any https address): shown as text with its host, never as a link.
   */
  unverifiedLookup?: { url: string; host: string };
  /** "192.0.2.10 is listed on Example List". */
  title: string;
}

/**
 * One result per address and list: a retry stores a newer result for the same pair, and the
 * newer one is the evidence. Ordered as the run's addresses, then as its lists, so a report
 * reads the same however the answers happened to arrive.
 */
export function latestResults(run: BlocklistRun): BlocklistResult[] {
  const byPair = latestByPair(run);
  const addressRank = new Map(run.addresses.map((address, i) => [address, i]));
  const listRank = new Map(run.lists.map((list, i) => [list.id, i]));
  const rank = (map: Map<string, number>, key: string) => map.get(key) ?? map.size;
  return [...byPair.values()].sort(
    (a, b) =>
      rank(addressRank, a.address) - rank(addressRank, b.address) ||
      rank(listRank, a.listId) - rank(listRank, b.listId),
  );
}

function listRef(list: RunList | undefined, listId: string): ListRef {
  return list
    ? { id: list.id, name: list.name, zone: list.zone }
    : { id: listId, name: listId, zone: '' };
}

function resultRow(result: BlocklistResult, list: RunList | undefined): ResultRow {
  return {
    address: result.address,
    list: listRef(list, result.listId),
    outcome: result.outcome,
    codes: result.codes,
    meanings: result.meanings,
    ...(result.txt !== undefined ? { txt: result.txt } : {}),
    ...(result.detail !== undefined ? { detail: result.detail } : {}),
    ...(result.rcode !== undefined ? { rcode: result.rcode } : {}),
    outcomeText: OUTCOME_LABELS[result.outcome],
  };
}

function zeroCounts(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

export function summariseRun(run: BlocklistRun): RunSummary {
  const lists = new Map(run.lists.map((list) => [list.id, list]));
  const counts = new Map(run.lists.map((list) => [list.id, zeroCounts()]));
  const coverage = runCoverage(run);
  const listed: ResultRow[] = [];
  const problems: ResultRow[] = [];
  for (const result of latestResults(run)) {
    let perList = counts.get(result.listId);
    if (!perList) {
      perList = zeroCounts();
      counts.set(result.listId, perList);
    }
    perList[result.outcome] += 1;
    const list = lists.get(result.listId);
    if (!list) continue;
    const judged = judgePair(list, result.address, result);
    if (judged.status === 'listed') listed.push(resultRow(result, list));
    // Every answer that gave no verdict is printed in full, with what went wrong.
    else if (judged.status === 'no-verdict') problems.push(resultRow(result, list));
  }
  const listSummaries: ListSummary[] = run.lists.map((list) => ({
    ...listRef(list, list.id),
    operator: list.operator,
    health: list.health,
    familyHealth: list.familyHealth,
    counts: counts.get(list.id) ?? zeroCounts(),
    coverage: coverage.byList.get(list.id) ?? coverage.total,
    healthText: healthText(list),
  }));
  const countOf = (outcome: Outcome): ListCount[] =>
    listSummaries.map(({ id, name, zone, counts }) => ({ id, name, zone, count: counts[outcome] }));
  return {
    resolver: run.resolver,
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    state: run.state,
    outcome: runOutcome(run.state, coverage.total),
    addressCount: run.addresses.length,
    lists: listSummaries,
    coverage: coverage.total,
    statement: coverageStatement(coverage.total),
    ...notAskedEntry(run),
    noListingsText: noListingsText(coverage.total),
    unaskedText: unaskedText(coverage.total),
    countsNote: COUNTS_NOTE,
    everyPairAskedText: EVERY_PAIR_ASKED,
    listed,
    problems,
    notListedByList: countOf('not-listed'),
    skippedByList: countOf('skipped'),
    notChecked: (run.notChecked ?? []).map(notCheckedText),
  };
}

function notAskedEntry(run: BlocklistRun): { notAskedText?: string } {
  const text = notAskedText(notAskedByRun(run));
  return text === undefined ? {} : { notAskedText: text };
}

/** The list's lookup page for one address: `{ip}` in the template becomes the address. */
export function lookupUrlFor(template: string, address: string): string {
  return template.replaceAll('{ip}', encodeURIComponent(address));
}

/** The catalogue's lookup page templates by list id: the only pages the app links to. */
const KNOWN_LOOKUP_PAGES = new Map(
  DNSBL_LISTS.flatMap((list) => (list.lookupUrl ? [[list.id, list.lookupUrl] as const] : [])),
);

/**
 * Where to look a listing up, as a link only when it is the catalogue's own page for this list;
 * any other address a stored run names (an imported file may name anything) is only shown.
 */
export function lookupPage(
  list: Pick<RunList, 'id' | 'lookupUrl'>,
  address: string,
): { lookupUrl: string } | { unverifiedLookup: { url: string; host: string } } | undefined {
  if (!list.lookupUrl) return undefined;
  const url = lookupUrlFor(list.lookupUrl, address);
  if (KNOWN_LOOKUP_PAGES.get(list.id) === list.lookupUrl) return { lookupUrl: url };
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Stored runs keep only https addresses; an unreadable one is shown whole.
  }
  return { unverifiedLookup: { url, host } };
}

/**
 * Every listing on a list that passed its health check is a finding. A "listed" answer from a list
 * that failed its test points is not evidence of anything (such a list may answer "listed" for
 * every address), so it is summarised but never reported as a finding.
 */
export function blocklistFindings(run: BlocklistRun): BlocklistFinding[] {
  const lists = new Map(run.lists.map((list) => [list.id, list]));
  const findings: BlocklistFinding[] = [];
  for (const result of latestResults(run)) {
    if (result.outcome !== 'listed') continue;
    const list = lists.get(result.listId);
    if (!list || !listTrustedFor(list, result.address)) continue;
    findings.push({
      address: result.address,
      list: { ...listRef(list, list.id), operator: list.operator },
      codes: result.codes,
      meanings: result.meanings,
      ...(result.txt !== undefined ? { txt: result.txt } : {}),
      ...lookupPage(list, result.address),
      title: `${result.address} is listed on ${list.name}`,
    });
  }
  return findings;
}
