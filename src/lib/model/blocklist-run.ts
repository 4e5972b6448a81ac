import { z } from '../shared/zod';

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
  address: z.string().min(1).max(64),
  listId: z.string().min(1).max(100),
  outcome: OutcomeSchema,
  /** The A records exactly as answered (for example 127.0.0.2), kept as evidence. */
  codes: z.array(z.string().max(64)).max(32).default([]),
  /** Each code decoded into words using the list's published meanings. */
  meanings: z.array(z.string().max(500)).max(32).default([]),
  /** The TXT reason the list gave, when listed and it gave one. */
  txt: z.string().max(2000).optional(),
  /** Why no verdict was possible (refusal code, SERVFAIL, HTTP status, timeout…), in words. */
  detail: z.string().max(500).optional(),
  rcode: z.string().max(20).optional(),
  ttl: z.number().int().nonnegative().optional(),
  elapsedMs: z.number().nonnegative().optional(),
});
export type BlocklistResult = z.infer<typeof BlocklistResultSchema>;

/** The one key of an address/list pair: a run holds at most one current result per pair. */
export function pairKey(address: string, listId: string): string {
  return `${address}|${listId}`;
}

export const ListHealthSchema = z.union([
  z.object({ usable: z.literal(true) }),
  z.object({ usable: z.literal(false), reason: z.string().max(500) }),
]);
export type ListHealth = z.infer<typeof ListHealthSchema>;

export const RunListSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200),
  /** The zone as queried, with any access key replaced by "{key}": keys never leave the browser. */
  zone: z.string().max(300),
  operator: z.string().max(200).default(''),
  // Rendered as a link: only https is kept, so an imported file cannot plant javascript: URLs.
  lookupUrl: z
    .string()
    .max(500)
    .regex(/^https:\/\/\S+$/)
    .optional()
    .catch(undefined),
  /** Usable when it passed its test points for at least one address family checked. */
  health: ListHealthSchema,
  /** The test-point outcome per address family checked in this run. */
  familyHealth: z
    .object({ ipv4: ListHealthSchema.optional(), ipv6: ListHealthSchema.optional() })
    .default({}),
});
export type RunList = z.infer<typeof RunListSchema>;

/**
 * Addresses the user asked about that the run did not send anywhere, with why: private and
 * reserved addresses (no public list can list them), and ranges over the per-run limit.
 */
export const NotCheckedSchema = z.object({
  /** One address, a range as typed ("10.0.0.0/8"), or a span ("192.0.0.0–192.0.0.255"). */
  addresses: z.string().max(100),
  why: z.enum(['not-public', 'over-limit']),
  /** In words: the kind of range ("private network (RFC 1918)"), or the limit it went over. */
  reason: z.string().max(300),
});
export type NotChecked = z.infer<typeof NotCheckedSchema>;

export const RunStateSchema = z.enum(['complete', 'cancelled', 'failed']);
export type RunState = z.infer<typeof RunStateSchema>;

export const BlocklistRunSchema = z.object({
  id: z.string().min(1).max(100),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  /**
   * How the run ended. The app stores only complete runs as evidence; a run that was cancelled or
   * failed ends in that state on screen, where its results so far are shown but not stored.
   */
  state: RunStateSchema,
  resolver: z.object({ label: z.string().max(200), url: z.string().max(500) }),
  addresses: z.array(z.string().max(64)).max(4096),
  // Optional rather than defaulted: runs stored before it existed keep their digest.
  notChecked: z.array(NotCheckedSchema).max(4096).optional(),
  lists: z.array(RunListSchema).max(64),
  results: z.array(BlocklistResultSchema).max(200_000),
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
  assessmentId: z.string().min(1).max(100),
  savedAt: z.iso.datetime(),
  run: BlocklistRunSchema.extend({ state: z.literal('running') }),
});
export type InterruptedCheck = z.infer<typeof InterruptedCheckSchema>;
