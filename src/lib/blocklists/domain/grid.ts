import { pairKey, type BlocklistResult } from '../../model/blocklist-run';
import { judgePair, latestByPair, type PairStatus, type RunAnswers } from './coverage';

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

export function buildGrid(run: RunAnswers, filter: ResultFilter): GridRow[] {
  const latest = latestByPair(run);
  const rows: GridRow[] = [];
  for (const address of run.addresses) {
    const cells = run.lists.map((list) =>
      cellOf(judgePair(list, address, latest.get(pairKey(address, list.id)))),
    );
    const keep =
      filter === 'all' ||
      cells.some((c) => c.status === (filter === 'listed' ? 'listed' : 'no-verdict'));
    if (keep) rows.push({ address, cells });
  }
  return rows;
}
