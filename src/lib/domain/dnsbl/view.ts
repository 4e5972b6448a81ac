import type { LookupResult, LookupRun, Outcome } from '../lookup-run';
import { VERDICT_OUTCOMES } from '../lookup-run';
import { judgePair, latestByPair, type PairStatus } from '../run-coverage';

/**
 * What the results table shows: a row per address, a cell per list. Pure, so the component only
 * renders, and a filter or a page of 1,024 addresses costs one pass over the results.
 */

export type ResultFilter = 'all' | 'listed' | 'problems';

export interface RunCounts {
  done: number;
  listed: number;
  notListed: number;
  /** Answers that gave no verdict: refused, broken, resolver errors, timeouts. */
  problems: number;
  skipped: number;
}

export function isProblem(outcome: Outcome): boolean {
  return !VERDICT_OUTCOMES.has(outcome) && outcome !== 'skipped';
}

export function countResults(results: readonly LookupResult[]): RunCounts {
  const counts: RunCounts = {
    done: results.length,
    listed: 0,
    notListed: 0,
    problems: 0,
    skipped: 0,
  };
  for (const r of results) {
    if (r.outcome === 'listed') counts.listed += 1;
    else if (r.outcome === 'not-listed') counts.notListed += 1;
    else if (r.outcome === 'skipped') counts.skipped += 1;
    else counts.problems += 1;
  }
  return counts;
}

/**
 * A cell: the answer (and whether it counts), or why there is none: the list failed its test
 * points for this family, or the question was not asked (yet, or ever, if the run stopped).
 */
export type Cell =
  | { kind: 'result'; result: LookupResult; counts: boolean }
  | { kind: 'unusable'; reason: string }
  | { kind: 'pending' };

export interface GridRow {
  address: string;
  cells: Cell[];
}

function cellOf(judged: PairStatus): Cell {
  if (judged.status !== 'no-verdict')
    return { kind: 'result', result: judged.result, counts: true };
  if (judged.cause === 'list-unusable') {
    return judged.result
      ? { kind: 'result', result: judged.result, counts: false }
      : { kind: 'unusable', reason: judged.reason ?? '' };
  }
  if (judged.cause === 'not-asked') return { kind: 'pending' };
  return { kind: 'result', result: judged.result!, counts: true };
}

/** A cell the "problems" filter shows: anything that is neither a trusted verdict nor skipped. */
function isProblemCell(cell: Cell): boolean {
  if (cell.kind !== 'result') return true;
  return !cell.counts || isProblem(cell.result.outcome);
}

export function buildGrid(run: LookupRun, filter: ResultFilter): GridRow[] {
  const latest = latestByPair(run);
  const rows: GridRow[] = [];
  for (const address of run.addresses) {
    const cells = run.lists.map((list) =>
      cellOf(judgePair(list, address, latest.get(`${address}|${list.id}`))),
    );
    const keep =
      filter === 'all' ||
      cells.some((c) =>
        filter === 'listed'
          ? c.kind === 'result' && c.counts && c.result.outcome === 'listed'
          : isProblemCell(c),
      );
    if (keep) rows.push({ address, cells });
  }
  return rows;
}

/** "1 min 05 s", "12 s": elapsed time in words short enough for a progress line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}
