import { z } from '../shared/zod';

const bounded = (max: number) => z.string().check(z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * A block-list run as stored in the assessment: when, through which resolver, which lists (with
 * their health check), and one result per address and list with the raw answer codes, so the
 * evidence can be re-read and re-interpreted later. Derived views (summaries, findings) are
 * computed from it, never stored.
 */

/** Only "listed" and "not-listed" are verdicts; every other outcome says no verdict was possible. */
export const OutcomeSchema = z.enum([
  'listed',
  'not-listed',
  'refused',
  'broken-list',
  'resolver-error',
  'timeout',
  'skipped',
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

/**
 * How a stored meaning starts for an in-127/8 code the list's documentation does not define: still
 * a listing (the list did say listed), but what it is listed for is unknown, and the words say so
 * rather than guess.
 */
export const UNKNOWN_CODE = 'unknown code';

export const VERDICT_OUTCOMES: ReadonlySet<Outcome> = new Set(['listed', 'not-listed']);

export const BlocklistResultSchema = z.object({
  address: z.string().check(z.minLength(1), z.maxLength(64)),
  listId: id,
  outcome: OutcomeSchema,
  /** The A records exactly as answered (for example 127.0.0.2), kept as evidence. */
  codes: z._default(z.array(bounded(64)).check(z.maxLength(32)), []),
  /** Each code decoded into words using the list's published meanings. */
  meanings: z._default(z.array(bounded(500)).check(z.maxLength(32)), []),
  /** The TXT reason the list gave, when listed and it gave one. */
  txt: z.optional(bounded(2000)),
  /** Why no verdict was possible (refusal code, SERVFAIL, HTTP status, timeout…), in words. */
  detail: z.optional(bounded(500)),
  rcode: z.optional(bounded(20)),
  ttl: z.optional(z.int().check(z.nonnegative())),
  elapsedMs: z.optional(z.number().check(z.nonnegative())),
});
export type BlocklistResult = z.infer<typeof BlocklistResultSchema>;

/** The one key of an address/list pair: a run holds at most one current result per pair. */
export function pairKey(address: string, listId: string): string {
  return `${address}|${listId}`;
}

export const ListHealthSchema = z.union([
  z.object({ usable: z.literal(true) }),
  z.object({ usable: z.literal(false), reason: bounded(500) }),
]);
export type ListHealth = z.infer<typeof ListHealthSchema>;

export const RunListSchema = z.object({
  id,
  name: bounded(200),
  /** The zone as queried, with any access key replaced by "{key}": keys never leave the browser. */
  zone: bounded(300),
  operator: z._default(bounded(200), ''),
  // Rendered as a link: only https is kept, so an imported file cannot plant javascript: URLs.
  lookupUrl: z.catch(
    z.optional(z.string().check(z.maxLength(500), z.regex(/^https:\/\/\S+$/))),
    undefined,
  ),
  /** Usable when it passed its test points for at least one address family checked. */
  health: ListHealthSchema,
  /** The test-point outcome per address family checked in this run. */
  familyHealth: z._default(
    z.object({ ipv4: z.optional(ListHealthSchema), ipv6: z.optional(ListHealthSchema) }),
    {},
  ),
});
export type RunList = z.infer<typeof RunListSchema>;

/**
 * Addresses the user asked about that the run did not send anywhere, with why: private and
 * reserved addresses (no public list can list them), and ranges over the per-run limit.
 */
export const NotCheckedSchema = z.object({
  /** One address, a range as typed ("10.0.0.0/8"), or a span ("192.0.0.0–192.0.0.255"). */
  addresses: bounded(100),
  why: z.enum(['not-public', 'over-limit']),
  /** In words: the kind of range ("private network (RFC 1918)"), or the limit it went over. */
  reason: bounded(300),
});
export type NotChecked = z.infer<typeof NotCheckedSchema>;

/** The most not-checked entries a run records: more cannot be stored with it. */
export const MAX_NOT_CHECKED = 4096;

export const RunStateSchema = z.enum(['complete', 'cancelled', 'failed']);
export type RunState = z.infer<typeof RunStateSchema>;

export const BlocklistRunSchema = z.object({
  id,
  startedAt: z.iso.datetime(),
  finishedAt: z.optional(z.iso.datetime()),
  /**
   * How the run ended. The app stores only complete runs as evidence; a run that was cancelled or
   * failed ends in that state on screen, where its results so far are shown but not stored.
   */
  state: RunStateSchema,
  resolver: z.object({ label: bounded(200), url: bounded(500) }),
  addresses: z.array(bounded(64)).check(z.maxLength(4096)),
  // Optional rather than defaulted: runs stored before it existed keep their digest.
  notChecked: z.optional(z.array(NotCheckedSchema).check(z.maxLength(MAX_NOT_CHECKED))),
  lists: z.array(RunListSchema).check(z.maxLength(64)),
  results: z.array(BlocklistResultSchema).check(z.maxLength(200_000)),
});
export type BlocklistRun = z.infer<typeof BlocklistRunSchema>;

/**
 * A run as the screen shows it: the stored shape, but `state` may also be 'running' while queries
 * are still being sent. Never stored.
 */
export type RunOnScreen = Omit<BlocklistRun, 'state'> & { state: RunState | 'running' };

/**
 * A check cut short (the page reloaded or closed, or another assessment opened) while queries were
 * being sent: the run as far as it got, kept in this browser so it can be resumed, asking only the
 * address/list pairs without an answer. Never part of an assessment or an export.
 */
export const InterruptedCheckSchema = z.object({
  assessmentId: id,
  savedAt: z.iso.datetime(),
  run: z.extend(BlocklistRunSchema, { state: z.literal('running') }),
});
export type InterruptedCheck = z.infer<typeof InterruptedCheckSchema>;
