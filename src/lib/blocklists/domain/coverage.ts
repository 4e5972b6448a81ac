import type { AddressKind } from '../../net/address-lines';
import {
  pairKey,
  type BlocklistResult,
  type BlocklistRun,
  type Outcome,
  type RunList,
} from '../../model/blocklist-run';

/**
 * What a block-list run can honestly claim. A run over N addresses and M lists asks up to N×M
 * questions; "no address is listed" is true only when every one of them that could be asked got
 * a verdict from a list that passed its test points. Anything else (a list unusable for IPv6, a
 * refusal, a timeout, a run cancelled half-way, a "listed" from a list that answers "listed" for
 * everything) leaves pairs without a verdict, and every summary must say how many.
 */

/** Why an address/list pair has no verdict. */
export type NoVerdictCause =
  | 'refused'
  | 'broken-list'
  | 'resolver-error'
  | 'timeout'
  /** The list failed its test points for this address family: its answers are not counted. */
  | 'list-unusable'
  /** The question was never asked (the run was cancelled, failed, or is still going). */
  | 'not-asked';

export type PairStatus =
  | { status: 'listed' | 'not-listed'; result: BlocklistResult }
  | { status: 'skipped'; result: BlocklistResult }
  | { status: 'no-verdict'; cause: NoVerdictCause; result?: BlocklistResult; reason?: string };

export function familyOf(address: string): AddressKind {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

/**
 * Whether a list's answers for this address can be trusted: the list passed its test points for
 * the address's family (or, when that family was not checked separately, overall).
 */
export function listTrustedFor(list: RunList, address: string): boolean {
  return (list.familyHealth[familyOf(address)] ?? list.health).usable;
}

function unusableReason(list: RunList, address: string): string | undefined {
  const health = list.familyHealth[familyOf(address)] ?? list.health;
  return health.usable ? undefined : health.reason;
}

const PROBLEM_CAUSES: Partial<Record<Outcome, NoVerdictCause>> = {
  refused: 'refused',
  'broken-list': 'broken-list',
  'resolver-error': 'resolver-error',
  timeout: 'timeout',
};

/** The verdict, or why there is none, for one address on one list. */
export function judgePair(list: RunList, address: string, result?: BlocklistResult): PairStatus {
  if (result?.outcome === 'skipped') return { status: 'skipped', result };
  const unusable = unusableReason(list, address);
  if (unusable !== undefined) {
    return {
      status: 'no-verdict',
      cause: 'list-unusable',
      reason: unusable,
      ...(result ? { result } : {}),
    };
  }
  if (!result) return { status: 'no-verdict', cause: 'not-asked' };
  if (result.outcome === 'listed' || result.outcome === 'not-listed') {
    return { status: result.outcome, result };
  }
  return {
    status: 'no-verdict',
    cause: PROBLEM_CAUSES[result.outcome] ?? 'resolver-error',
    result,
  };
}

/** What judging a run needs: its addresses, its lists and their answers, however it ended. */
export type RunAnswers = Pick<BlocklistRun, 'addresses' | 'lists' | 'results'>;

/**
 * Answers already indexed by pair. The coverage, the results table and the summary each look
 * pairs up in the same answers; a new batch of answers is a new array (answers are never changed
 * in place), so the index of an array stays true.
 */
const indexed = new WeakMap<readonly BlocklistResult[], ReadonlyMap<string, BlocklistResult>>();

/** The newest result for each address/list pair (a retry replaces an earlier answer). */
export function latestByPair(run: RunAnswers): ReadonlyMap<string, BlocklistResult> {
  const known = indexed.get(run.results);
  if (known) return known;
  const byPair = new Map<string, BlocklistResult>();
  for (const result of run.results) byPair.set(pairKey(result.address, result.listId), result);
  indexed.set(run.results, byPair);
  return byPair;
}

/**
 * Judges every address/list pair of a run once, list by list in the run's order, each list's
 * addresses in the run's order: the one walk that coverage, the grid and the evidence conflicts
 * share, so they can never judge a pair differently.
 */
export function judgeEachPair(
  run: RunAnswers,
  visit: (judged: PairStatus, list: RunList, address: string) => void,
): void {
  const latest = latestByPair(run);
  for (const list of run.lists) {
    for (const address of run.addresses) {
      visit(judgePair(list, address, latest.get(pairKey(address, list.id))), list, address);
    }
  }
}

/**
 * Every address/list pair of a run, each counted exactly once: listed, not listed, no verdict
 * (with why, in byCause) or skipped. So listed + notListed + noVerdict = pairs, and
 * pairs + skipped = total. Progress, summaries, filters and the report all read these numbers, so
 * no two places can disagree about the same run.
 */
export interface Coverage {
  /** Every address × list pair of the run, skipped ones included. */
  total: number;
  /** Address/list pairs that could be asked (skipped pairs excluded). */
  pairs: number;
  listed: number;
  notListed: number;
  skipped: number;
  noVerdict: number;
  byCause: Record<NoVerdictCause, number>;
  /** Every pair that could be asked got a trusted verdict. */
  complete: boolean;
}

function emptyCoverage(): Coverage {
  return {
    total: 0,
    pairs: 0,
    listed: 0,
    notListed: 0,
    skipped: 0,
    noVerdict: 0,
    byCause: {
      refused: 0,
      'broken-list': 0,
      'resolver-error': 0,
      timeout: 0,
      'list-unusable': 0,
      'not-asked': 0,
    },
    complete: true,
  };
}

function add(coverage: Coverage, judged: PairStatus): void {
  coverage.total += 1;
  if (judged.status === 'skipped') {
    coverage.skipped += 1;
    return;
  }
  coverage.pairs += 1;
  if (judged.status === 'listed') coverage.listed += 1;
  else if (judged.status === 'not-listed') coverage.notListed += 1;
  else if (judged.status === 'no-verdict') {
    coverage.noVerdict += 1;
    coverage.byCause[judged.cause] += 1;
    coverage.complete = false;
  }
}

function remove(coverage: Coverage, judged: PairStatus): void {
  coverage.total -= 1;
  if (judged.status === 'skipped') {
    coverage.skipped -= 1;
    return;
  }
  coverage.pairs -= 1;
  if (judged.status === 'listed') coverage.listed -= 1;
  else if (judged.status === 'not-listed') coverage.notListed -= 1;
  else if (judged.status === 'no-verdict') {
    coverage.noVerdict -= 1;
    coverage.byCause[judged.cause] -= 1;
  }
  coverage.complete = coverage.noVerdict === 0;
}

function copyOf(coverage: Coverage): Coverage {
  return { ...coverage, byCause: { ...coverage.byCause } };
}

export interface RunCoverage {
  readonly total: Readonly<Coverage>;
  readonly byList: ReadonlyMap<string, Readonly<Coverage>>;
}

/**
 * Runs already judged. The same run object is judged by the check's progress line, its results
 * table and its summary, each time a batch of answers arrives: thousands of pairs walked three
 * times over for one answer. Runs are never changed in place (a new batch makes a new run), so a
 * run judged once keeps its coverage.
 */
const judged = new WeakMap<RunAnswers, RunCoverage>();

/**
 * The running count of a run whose answers are still arriving. Each batch makes a new run whose
 * answers are the old ones (the very same objects, in the same order) and then the batch's: only
 * the batch's pairs need judging again, not the thousands already counted. A run that is not such
 * an extension (other addresses, lists judged otherwise, an answer taken away) is judged afresh.
 */
interface Tally {
  run: RunAnswers;
  addresses: ReadonlySet<string>;
  lists: ReadonlyMap<string, RunList>;
  /** The newest answer per pair: owned by the tally, moved forward with it. */
  latest: Map<string, BlocklistResult>;
  total: Coverage;
  byList: Map<string, Coverage>;
}

/** The few runs last judged (a check on screen, and a stored run beside it), newest last. */
const tallies: Tally[] = [];
const TALLIES_KEPT = 4;

const FAMILIES: readonly AddressKind[] = ['ipv4', 'ipv6'];

/** Whether two lists judge every pair alike: the same list, trusted for the same families. */
function judgedAlike(a: RunList, b: RunList): boolean {
  if (a.id !== b.id) return false;
  return FAMILIES.every((family) => {
    const x = a.familyHealth[family] ?? a.health;
    const y = b.familyHealth[family] ?? b.health;
    return x.usable ? y.usable : !y.usable && x.reason === y.reason;
  });
}

function extendsRun(before: RunAnswers, after: RunAnswers): boolean {
  if (after.results.length < before.results.length) return false;
  if (after.addresses.length !== before.addresses.length) return false;
  if (after.lists.length !== before.lists.length) return false;
  if (!after.lists.every((list, i) => judgedAlike(list, before.lists[i] as RunList))) return false;
  if (after.addresses !== before.addresses) {
    for (let i = 0; i < after.addresses.length; i += 1) {
      if (after.addresses[i] !== before.addresses[i]) return false;
    }
  }
  if (after.results !== before.results) {
    for (let i = 0; i < before.results.length; i += 1) {
      if (after.results[i] !== before.results[i]) return false;
    }
  }
  return true;
}

function freshTally(run: RunAnswers): Tally {
  const total = emptyCoverage();
  const byList = new Map<string, Coverage>(run.lists.map((list) => [list.id, emptyCoverage()]));
  judgeEachPair(run, (judged, list) => {
    add(byList.get(list.id) ?? emptyCoverage(), judged);
    add(total, judged);
  });
  const latest = new Map<string, BlocklistResult>();
  for (const result of run.results) latest.set(pairKey(result.address, result.listId), result);
  return {
    run,
    addresses: new Set(run.addresses),
    lists: new Map(run.lists.map((list) => [list.id, list])),
    latest,
    total,
    byList,
  };
}

/** Pairs are counted one per address and list only when no address or list is named twice. */
function canAdvance(tally: Tally): boolean {
  return (
    tally.addresses.size === tally.run.addresses.length &&
    tally.lists.size === tally.run.lists.length
  );
}

/** Moves a tally on to `run`, which extends its run: only the new answers' pairs are judged. */
function advance(tally: Tally, run: RunAnswers): void {
  for (let i = tally.run.results.length; i < run.results.length; i += 1) {
    const result = run.results[i] as BlocklistResult;
    const list = tally.lists.get(result.listId);
    // An answer for a pair outside the run is never judged (see judgeEachPair).
    if (!list || !tally.addresses.has(result.address)) continue;
    const key = pairKey(result.address, result.listId);
    const before = judgePair(list, result.address, tally.latest.get(key));
    const after = judgePair(list, result.address, result);
    tally.latest.set(key, result);
    const perList = tally.byList.get(list.id);
    for (const coverage of perList ? [tally.total, perList] : [tally.total]) {
      remove(coverage, before);
      add(coverage, after);
    }
  }
  tally.run = run;
}

/** Coverage of the whole run and of each list, judged pair by pair. */
export function runCoverage(run: RunAnswers): RunCoverage {
  const known = judged.get(run);
  if (known) return known;
  let tally = tallies.find((candidate) => canAdvance(candidate) && extendsRun(candidate.run, run));
  if (tally) {
    advance(tally, run);
    tallies.splice(tallies.indexOf(tally), 1);
  } else {
    tally = freshTally(run);
    if (tallies.length >= TALLIES_KEPT) tallies.shift();
  }
  tallies.push(tally);
  const coverage: RunCoverage = {
    total: copyOf(tally.total),
    byList: new Map([...tally.byList].map(([id, counts]) => [id, copyOf(counts)])),
  };
  judged.set(run, coverage);
  return coverage;
}

/** Pairs still to be asked in a run that is going on (or never asked, once it stopped). */
export function waitingPairs(coverage: Coverage): number {
  return coverage.byCause['not-asked'];
}
