import type { LookupResult, LookupRun } from '../../model/blocklist-run';
import { judgePair, latestByPair, type PairStatus } from './coverage';
import { CLASSIFICATION_LABELS, UNKNOWN_CODE } from './classify';

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
  | { kind: 'result'; result: LookupResult; counts: boolean }
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

export function buildGrid(run: LookupRun, filter: ResultFilter): GridRow[] {
  const latest = latestByPair(run);
  const rows: GridRow[] = [];
  for (const address of run.addresses) {
    const cells = run.lists.map((list) =>
      cellOf(judgePair(list, address, latest.get(`${address}|${list.id}`))),
    );
    const keep =
      filter === 'all' ||
      cells.some((c) => c.status === (filter === 'listed' ? 'listed' : 'no-verdict'));
    if (keep) rows.push({ address, cells });
  }
  return rows;
}

// Runs stored before the wording changed said "code 127.0.0.9 (meaning not published)".
const OLD_UNKNOWN = /^code \S+ \(meaning (not published|unknown)/;

/**
 * What a cell says. A listing whose code the list's documentation does not define stays a
 * listing (the list did say listed), but says that what it is listed for is unknown.
 */
export function outcomeLabel(result: LookupResult): string {
  const label = CLASSIFICATION_LABELS[result.outcome].label;
  if (result.outcome !== 'listed') return label;
  const unknown: { value: string; why: string }[] = [];
  for (const line of result.meanings) {
    const split = line.indexOf(': ');
    if (split < 0) continue;
    const value = line.slice(0, split);
    const meaning = line.slice(split + 2);
    if (meaning.startsWith(UNKNOWN_CODE)) {
      unknown.push({ value, why: meaning.split(' — ')[1] ?? 'its meaning is not documented' });
    } else if (OLD_UNKNOWN.test(meaning)) {
      unknown.push({
        value,
        why: meaning.includes('meaning unknown')
          ? "this list's codes are not documented here"
          : "the list's documentation does not define it",
      });
    }
  }
  if (unknown.length === 0) return label;
  const codes = unknown.map((u) => u.value).join(', ');
  return `${label} (${unknown.length === 1 ? 'unknown code' : 'unknown codes'} ${codes} — ${unknown[0]!.why})`;
}

/** "1 min 05 s", "12 s": elapsed time in words short enough for a progress line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}
