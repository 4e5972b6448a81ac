import type { BlocklistResult, BlocklistRun } from '../model/blocklist-run';
import type { AssessmentDocument } from '../model/document';

/**
 * A block-list run's results as this browser stores them. One check of 1,024 addresses on eight
 * lists is 8,192 results, nearly all a plain "not listed"; written out one object each they take
 * about a megabyte. Stored here, listings and every pair with no verdict keep their full record,
 * and the plain "not listed" answers are kept per list in columns (which address, the response
 * code, TTL and time taken). Expanding gives back exactly the results that were compacted, in
 * their order, so the assessment (and the digest of any export made from it) is unchanged.
 * Exported files always hold the full form.
 */

export const COMPACT_RESULTS_ENCODING = 'not-listed-columns-1';

export interface NotListedColumns {
  listId: string;
  /** Each answer's place in the run's result order. */
  at: number[];
  /** Index into the run's addresses. */
  address: number[];
  /** Index into `rcodes`; -1 where the answer recorded none. */
  rcode: number[];
  rcodes: string[];
  /** null where the answer recorded none. */
  ttl: (number | null)[];
  elapsedMs: (number | null)[];
}

export interface CompactResults {
  encoding: typeof COMPACT_RESULTS_ENCODING;
  count: number;
  /** Listings, every pair without a verdict, and anything unusual: the full record and its place. */
  full: { at: number; result: BlocklistResult }[];
  notListed: NotListedColumns[];
}

/** As many results as a run may hold (the run schema's own limit). */
const MAX_RESULTS = 200_000;

export type StoredRun = Omit<BlocklistRun, 'results'> & { results: CompactResults };

const PLAIN_NOT_LISTED_KEYS = new Set([
  'address',
  'listId',
  'outcome',
  'codes',
  'meanings',
  'rcode',
  'ttl',
  'elapsedMs',
]);

/** A "not listed" answer that carries nothing but what the columns hold. */
function isPlainNotListed(result: BlocklistResult): boolean {
  return (
    result.outcome === 'not-listed' &&
    result.codes.length === 0 &&
    result.meanings.length === 0 &&
    Object.keys(result).every((key) => PLAIN_NOT_LISTED_KEYS.has(key))
  );
}

export function compactRun<Run extends Pick<BlocklistRun, 'addresses' | 'results'>>(
  run: Run,
): Omit<Run, 'results'> & { results: CompactResults } {
  const addressIndex = new Map(run.addresses.map((address, index) => [address, index]));
  const full: CompactResults['full'] = [];
  const byList = new Map<string, NotListedColumns & { rcodeIndex: Map<string, number> }>();
  run.results.forEach((result, at) => {
    const address = addressIndex.get(result.address);
    if (address === undefined || !isPlainNotListed(result)) {
      full.push({ at, result });
      return;
    }
    let columns = byList.get(result.listId);
    if (!columns) {
      columns = {
        listId: result.listId,
        at: [],
        address: [],
        rcode: [],
        rcodes: [],
        ttl: [],
        elapsedMs: [],
        rcodeIndex: new Map(),
      };
      byList.set(result.listId, columns);
    }
    columns.at.push(at);
    columns.address.push(address);
    if (result.rcode === undefined) {
      columns.rcode.push(-1);
    } else {
      let index = columns.rcodeIndex.get(result.rcode);
      if (index === undefined) {
        index = columns.rcodes.push(result.rcode) - 1;
        columns.rcodeIndex.set(result.rcode, index);
      }
      columns.rcode.push(index);
    }
    columns.ttl.push(result.ttl ?? null);
    columns.elapsedMs.push(result.elapsedMs ?? null);
  });
  const notListed = [...byList.values()].map(({ rcodeIndex: _unused, ...columns }) => columns);
  return {
    ...run,
    results: { encoding: COMPACT_RESULTS_ENCODING, count: run.results.length, full, notListed },
  };
}

function isCompactResults(value: unknown): value is CompactResults {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { encoding?: unknown }).encoding === COMPACT_RESULTS_ENCODING
  );
}

/**
 * The run with its results in full. `run` comes from storage and is checked by the document
 * schema afterwards; this only refuses what cannot be expanded at all (a gap, a place used twice,
 * an address index out of range), throwing with the reason.
 */
export function expandRun(run: Record<string, unknown>): Record<string, unknown> {
  const compact = run.results;
  if (!isCompactResults(compact)) return run;
  if (!Number.isInteger(compact.count) || compact.count < 0 || compact.count > MAX_RESULTS) {
    throw new Error(`the stored result count (${String(compact.count)}) is out of range`);
  }
  const addresses = Array.isArray(run.addresses) ? (run.addresses as unknown[]) : [];
  const results: unknown[] = new Array<unknown>(compact.count);
  const place = (at: unknown, result: unknown) => {
    if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= compact.count) {
      throw new Error(`a stored result has no valid place (${String(at)})`);
    }
    if (results[at] !== undefined) throw new Error(`two stored results share place ${at}`);
    results[at] = result;
  };
  for (const { at, result } of compact.full) place(at, result);
  for (const columns of compact.notListed) {
    columns.at.forEach((at, i) => {
      const address = addresses[columns.address[i] ?? -1];
      if (typeof address !== 'string') throw new Error(`a stored result names no address`);
      const result: Record<string, unknown> = {
        address,
        listId: columns.listId,
        outcome: 'not-listed',
        codes: [],
        meanings: [],
      };
      const rcode = columns.rcodes[columns.rcode[i] ?? -1];
      if (rcode !== undefined) result.rcode = rcode;
      const ttl = columns.ttl[i];
      if (ttl !== null && ttl !== undefined) result.ttl = ttl;
      const elapsedMs = columns.elapsedMs[i];
      if (elapsedMs !== null && elapsedMs !== undefined) result.elapsedMs = elapsedMs;
      place(at, result);
    });
  }
  for (let at = 0; at < compact.count; at += 1) {
    if (results[at] === undefined) throw new Error(`stored result ${at} is missing`);
  }
  return { ...run, results };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The document as stored in this browser: its block-list run, if any, compacted. */
export function compactDocument(document: AssessmentDocument): Record<string, unknown> {
  const run = document.assessment.lookup.lastRun;
  if (!run) return document;
  const lookup = { ...document.assessment.lookup, lastRun: compactRun(run) };
  return { ...document, assessment: { ...document.assessment, lookup } };
}

/**
 * A stored document with its run's results in full again, ready for the document schema (which
 * still checks everything). Data that is not a compacted document passes through unchanged.
 */
export function expandDocument(data: unknown): unknown {
  if (!isRecord(data) || !isRecord(data.assessment)) return data;
  const lookup = data.assessment.lookup;
  if (!isRecord(lookup) || !isRecord(lookup.lastRun)) return data;
  const lastRun = expandRun(lookup.lastRun);
  if (lastRun === lookup.lastRun) return data;
  return { ...data, assessment: { ...data.assessment, lookup: { ...lookup, lastRun } } };
}
