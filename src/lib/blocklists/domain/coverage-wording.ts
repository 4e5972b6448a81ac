import type { BlocklistRun } from '../../model/blocklist-run';
import { formatNumber, plural } from '../../shared/format';
import type { Coverage, NoVerdictCause } from './coverage';

/**
 * What a summary may say about how much of a run has a verdict: the one sentence about listings
 * (never "no address is listed" unless every pair that could be asked got a trusted verdict), the
 * counts, the run's outcome, and why pairs have none. Apart from the rest of the block-list
 * wording (./wording.ts) because the question card of the first page says them too.
 */

/** Why a pair has no verdict, after its count: "3 refused by the list". Reads right for 1 or many. */
export const NO_VERDICT_LABELS: Record<NoVerdictCause, string> = {
  refused: 'refused by the list',
  'broken-list': 'with a broken answer from the list',
  'resolver-error': 'with an error from the resolver',
  timeout: 'with no answer in time',
  'list-unusable': 'because the list failed its test points',
  'not-asked': 'not asked because the check stopped',
};

/**
 * Why pairs have no verdict, in words, without brackets inside brackets:
 * "12 with no answer in time, 1,024 because the list failed its test points".
 */
export function describeNoVerdict(coverage: Coverage): string {
  return (Object.entries(coverage.byCause) as [NoVerdictCause, number][])
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${formatNumber(n)} ${NO_VERDICT_LABELS[cause]}`)
    .join(', ');
}

/**
 * Every pair in one line, adding up to the total:
 * "40 address/list pairs: 3 listed, 13 not listed, 23 with no verdict, 1 skipped".
 */
export function coverageCounts(coverage: Coverage): string {
  const n = formatNumber;
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
    `${listings} ${formatNumber(coverage.noVerdict)} of the ` +
    `${plural(coverage.pairs, 'address/list pair', 'address/list pairs')} that could be asked ` +
    `${coverage.noVerdict === 1 ? 'has' : 'have'} no verdict: ${describeNoVerdict(coverage)}. ` +
    'This is not a clean result for those.'
  );
}

/**
 * A run's outcome in a few words, for the report and the screen. "Complete" only when every pair
 * that could be asked got a verdict: a run that finished with gaps says so and how many.
 */
export function runOutcome(state: BlocklistRun['state'], coverage: Coverage): string {
  const gaps = `${formatNumber(coverage.noVerdict)} of ${plural(coverage.pairs, 'pair', 'pairs')} ${coverage.noVerdict === 1 ? 'has' : 'have'} no verdict`;
  if (state !== 'complete') {
    const what = state === 'cancelled' ? 'Cancelled: results so far' : 'Failed';
    return coverage.pairs === 0 ? what : `${what}; ${gaps}`;
  }
  if (coverage.pairs === 0) return 'Finished, but no address could be checked on any list';
  return coverage.complete
    ? 'Complete: every pair that could be asked has a verdict'
    : `Finished with gaps: ${gaps}`;
}

/** Under "Listed addresses" when there are none: clean only when every pair has a verdict. */
export function noListingsText(coverage: Coverage): string {
  return coverage.complete
    ? 'No address is listed on any list checked.'
    : 'No listing among the answers that gave a verdict (see the pairs with no verdict above).';
}

/**
 * The pairs with no verdict that have no answer to print (a list that failed its test points,
 * a question never asked), in one sentence; undefined when there are none.
 */
export function unaskedText(coverage: Coverage): string | undefined {
  const unusable = coverage.byCause['list-unusable'];
  const notAsked = coverage.byCause['not-asked'];
  if (unusable + notAsked === 0) return undefined;
  return (
    `${plural(unusable + notAsked, 'address/list pair was', 'address/list pairs were')} not asked or not counted: ` +
    `${formatNumber(unusable)} because the list failed its test points for that kind of address (see the health check above), ` +
    `${formatNumber(notAsked)} because the check stopped before asking.`
  );
}
