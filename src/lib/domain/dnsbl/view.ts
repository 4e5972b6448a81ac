import type { AddressKind } from '../addresses';
import type { LookupResult, LookupRun, Outcome, RunList } from '../lookup-run';
import { VERDICT_OUTCOMES } from '../lookup-run';

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

/** A cell: the result, or why there is none (the list failed its test points, or still running). */
export type Cell =
  | { kind: 'result'; result: LookupResult }
  | { kind: 'unusable'; reason: string }
  | { kind: 'pending' };

export interface GridRow {
  address: string;
  cells: Cell[];
}

function familyOf(address: string): AddressKind {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

export function buildGrid(run: LookupRun, filter: ResultFilter): GridRow[] {
  const index = new Map<string, LookupResult>();
  for (const r of run.results) index.set(`${r.address}|${r.listId}`, r);
  const rows: GridRow[] = [];
  for (const address of run.addresses) {
    const cells = run.lists.map((list): Cell => {
      const result = index.get(`${address}|${list.id}`);
      if (result) return { kind: 'result', result };
      const health = list.familyHealth[familyOf(address)];
      if (health && !health.usable) return { kind: 'unusable', reason: health.reason };
      return { kind: 'pending' };
    });
    const keep =
      filter === 'all' ||
      cells.some(
        (c) =>
          c.kind === 'result' &&
          (filter === 'listed' ? c.result.outcome === 'listed' : isProblem(c.result.outcome)),
      );
    if (keep) rows.push({ address, cells });
  }
  return rows;
}

export function unusableLists(run: LookupRun): RunList[] {
  return run.lists.filter(
    (list) => !list.health.usable || Object.values(list.familyHealth).some((h) => h && !h.usable),
  );
}

/** "1 min 05 s", "12 s": elapsed time in words short enough for a progress line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}
