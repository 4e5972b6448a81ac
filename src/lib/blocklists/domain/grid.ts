import { pairKey, type BlocklistResult } from '../../model/blocklist-run';
import {
  judgeEachPair,
  judgePair,
  latestByPair,
  type PairStatus,
  type RunAnswers,
} from './coverage';

/**
 * What the results table shows: a row per address, a cell per list. Pure, so the component only
 * renders, and a filter or a page of 1,024 addresses costs one pass over the results.
 */

export type ResultFilter = 'all' | 'listed' | 'problems';

/**
 * A cell: the answer (and whether it counts), or why there is none: the list failed its test
 * points for this family, or the question was not asked (yet, or ever, if the run stopped).
 */
export type Cell = (
  | { kind: 'result'; result: BlocklistResult; counts: boolean }
  | { kind: 'unusable'; reason: string }
  | { kind: 'pending' }
) & {
  /** The pair's one category (see run-coverage): the cell's style and the filters follow it. */
  status: PairStatus['status'];
};

export interface GridRow {
  address: string;
  cells: Cell[];
}

function cellOf(judged: PairStatus): Cell {
  const { status } = judged;
  if (judged.status !== 'no-verdict') {
    return { kind: 'result', result: judged.result, counts: true, status };
  }
  if (judged.cause === 'list-unusable') {
    return judged.result
      ? { kind: 'result', result: judged.result, counts: false, status }
      : { kind: 'unusable', reason: judged.reason ?? '', status };
  }
  if (judged.cause === 'not-asked' || !judged.result) return { kind: 'pending', status };
  return { kind: 'result', result: judged.result, counts: true, status };
}

/**
 * The addresses a filter keeps, in the run's order. "Every address" keeps them all without judging
 * a pair; the other filters judge every pair once (the walk the coverage counts come from).
 */
export function gridAddresses(run: RunAnswers, filter: ResultFilter): readonly string[] {
  if (filter === 'all') return run.addresses;
  const wanted = filter === 'listed' ? 'listed' : 'no-verdict';
  const kept = new Set<string>();
  judgeEachPair(run, (judged, _list, address) => {
    if (judged.status === wanted) kept.add(address);
  });
  return run.addresses.filter((address) => kept.has(address));
}

/**
 * The rows for these addresses (a page of the table), a cell per list. Only these pairs are
 * judged: while a run of thousands of pairs is under way, each batch of answers redraws one page,
 * not the whole table.
 */
export function gridRows(run: RunAnswers, addresses: readonly string[]): GridRow[] {
  const latest = latestByPair(run);
  return addresses.map((address) => ({
    address,
    cells: run.lists.map((list) =>
      cellOf(judgePair(list, address, latest.get(pairKey(address, list.id)))),
    ),
  }));
}

/** Every row a filter keeps, with its cells. */
export function buildGrid(run: RunAnswers, filter: ResultFilter): GridRow[] {
  return gridRows(run, gridAddresses(run, filter));
}
