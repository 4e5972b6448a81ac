import type { AddressKind } from '../../net/addresses';
import type { LookupResult, LookupRun, Outcome, RunList } from '../../model/blocklist-run';
import { plural } from '../../shared/plural';

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
  | { status: 'listed' | 'not-listed'; result: LookupResult }
  | { status: 'skipped'; result: LookupResult }
  | { status: 'no-verdict'; cause: NoVerdictCause; result?: LookupResult; reason?: string };

/** Why a pair has no verdict, after its count: "3 refused by the list". Reads right for 1 or many. */
export const NO_VERDICT_LABELS: Record<NoVerdictCause, string> = {
  refused: 'refused by the list',
  'broken-list': 'with a broken answer from the list',
  'resolver-error': 'with an error from the resolver',
  timeout: 'with no answer in time',
  'list-unusable': 'because the list failed its test points',
  'not-asked': 'not asked because the check stopped',
};

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
export function judgePair(list: RunList, address: string, result?: LookupResult): PairStatus {
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

/** The newest result for each address/list pair (a retry replaces an earlier answer). */
export function latestByPair(run: LookupRun): Map<string, LookupResult> {
  const byPair = new Map<string, LookupResult>();
  for (const result of run.results) byPair.set(`${result.address}|${result.listId}`, result);
  return byPair;
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

/** Coverage of the whole run and of each list, judged pair by pair. */
export function runCoverage(run: LookupRun): { total: Coverage; byList: Map<string, Coverage> } {
  const latest = latestByPair(run);
  const total = emptyCoverage();
  const byList = new Map<string, Coverage>();
  for (const list of run.lists) {
    const perList = emptyCoverage();
    for (const address of run.addresses) {
      const judged = judgePair(list, address, latest.get(`${address}|${list.id}`));
      add(perList, judged);
      add(total, judged);
    }
    byList.set(list.id, perList);
  }
  return { total, byList };
}

/**
 * Why pairs have no verdict, in words, without brackets inside brackets:
 * "12 with no answer in time, 1,024 because the list failed its test points".
 */
export function describeNoVerdict(coverage: Coverage): string {
  return (Object.entries(coverage.byCause) as [NoVerdictCause, number][])
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${n.toLocaleString('en-GB')} ${NO_VERDICT_LABELS[cause]}`)
    .join(', ');
}

/** Pairs still to be asked in a run that is going on (or never asked, once it stopped). */
export function waitingPairs(coverage: Coverage): number {
  return coverage.byCause['not-asked'];
}

/**
 * Every pair in one line, adding up to the total:
 * "40 address/list pairs: 3 listed, 13 not listed, 23 with no verdict, 1 skipped".
 */
export function coverageCounts(coverage: Coverage): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  return (
    `${plural(coverage.total, 'address/list pair', 'address/list pairs')}: ` +
    `${n(coverage.listed)} listed, ${n(coverage.notListed)} not listed, ` +
    `${n(coverage.noVerdict)} with no verdict, ${n(coverage.skipped)} skipped.`
  );
}

/**
 * The one sentence a summary may say about listings. Never "no address is listed" unless every
 * pair that could be asked got a trusted verdict.
 */
export function coverageStatement(coverage: Coverage): string {
  if (coverage.pairs === 0) return 'No address could be checked on any list.';
  const listings =
    coverage.listed > 0
      ? `${plural(coverage.listed, 'listing', 'listings')} found.`
      : coverage.complete
        ? 'No address is listed on any list checked.'
        : `No listing among the ${plural(coverage.listed + coverage.notListed, 'answer', 'answers')} that gave a verdict.`;
  if (coverage.complete) return listings;
  return (
    `${listings} ${coverage.noVerdict.toLocaleString('en-GB')} of the ` +
    `${plural(coverage.pairs, 'address/list pair', 'address/list pairs')} that could be asked ` +
    `${coverage.noVerdict === 1 ? 'has' : 'have'} no verdict: ${describeNoVerdict(coverage)}. ` +
    'This is not a clean result for those.'
  );
}

/**
 * A run's outcome in a few words, for the report and the screen. "Complete" only when every pair
 * that could be asked got a verdict: a run that finished with gaps says so and how many.
 */
export function runOutcome(state: LookupRun['state'], coverage: Coverage): string {
  const gaps = `${coverage.noVerdict.toLocaleString('en-GB')} of ${plural(coverage.pairs, 'pair', 'pairs')} ${coverage.noVerdict === 1 ? 'has' : 'have'} no verdict`;
  if (state !== 'complete') {
    const what = state === 'cancelled' ? 'Cancelled: results so far' : 'Failed';
    return coverage.pairs === 0 ? what : `${what}; ${gaps}`;
  }
  if (coverage.pairs === 0) return 'Finished, but no address could be checked on any list';
  return coverage.complete
    ? 'Complete: every pair that could be asked has a verdict'
    : `Finished with gaps: ${gaps}`;
}
