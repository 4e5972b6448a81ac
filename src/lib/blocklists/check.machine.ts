import { assign, fromCallback, fromPromise, setup, type EventObject } from 'xstate';
import type { AddressKind } from '../net/addresses';
import {
  isRetryable,
  planQueries,
  runListOf,
  whyNothingCanBeChecked,
  type FamilyHealth,
  type HealthInput,
  type LookupRequest,
  type QueriesInput,
  type QueryTask,
} from './domain/plan';

// The actors' contract lives in the domain, so the I/O that implements it need not import this.
export type { FamilyHealth, HealthInput, LookupRequest, QueriesInput };
import type { LookupResult, LookupRun } from '../model/blocklist-run';

/**
 * One block-list run: consent, health check of every list, querying, then done, cancelled or
 * failed. The DNS work happens in two named actors (`checkHealth`, `runQueries`) that the app
 * provides with the real DoH client and tests replace with `.provide()`.
 */

/** What the `runQueries` actor sends back while it works. */
export type RunnerEvent =
  | { type: 'lookup.batch'; results: LookupResult[] }
  | { type: 'lookup.finished' }
  | { type: 'lookup.failed'; error: string };

export type LookupEvent =
  | { type: 'lookup.start'; request: LookupRequest }
  | { type: 'lookup.consent.give' }
  | { type: 'lookup.consent.decline' }
  | { type: 'lookup.cancel' }
  | { type: 'lookup.retry' }
  | RunnerEvent;

export interface LookupContext {
  request: LookupRequest | undefined;
  runId: string;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  health: Record<string, FamilyHealth>;
  /** Every result so far, one per address and list; a retry replaces the failed ones. */
  results: LookupResult[];
  /** How many results the run will have when every planned question is answered. */
  expected: number;
  /** The questions the current querying pass asks. */
  queue: QueryTask[];
  error: string | undefined;
  now: () => Date;
  newId: () => string;
}

export interface LookupInput {
  now?: () => Date;
  newId?: () => string;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isUsable(health: Record<string, FamilyHealth>) {
  return (listId: string, kind: AddressKind) => health[listId]?.[kind]?.usable === true;
}

/** A new run may start from rest or after any finished run; consent decides the first step. */
const START_RUN = [
  { guard: 'hasConsent', target: 'checking', actions: 'acceptRequest' },
  { target: 'consent', actions: 'acceptRequest' },
] as const;

export const lookupMachine = setup({
  types: {} as {
    context: LookupContext;
    events: LookupEvent;
    input: LookupInput;
  },
  actors: {
    // Placeholders: the app provides the DoH-backed implementations (src/lib/blocklists/io/actors.ts).
    checkHealth: fromPromise<Record<string, FamilyHealth>, HealthInput>(async () => {
      throw new Error('checkHealth is not provided');
    }),
    runQueries: fromCallback<EventObject, QueriesInput>(({ sendBack }) => {
      sendBack({ type: 'lookup.failed', error: 'runQueries is not provided' });
    }),
  },
  guards: {
    hasConsent: ({ event }) => event.type === 'lookup.start' && event.request.consented,
    hasRetryable: ({ context }) => context.results.some(isRetryable),
  },
  actions: {
    acceptRequest: assign(({ context, event }) => {
      if (event.type !== 'lookup.start') return {};
      return {
        request: event.request,
        runId: context.newId(),
        startedAt: undefined,
        finishedAt: undefined,
        health: {},
        results: [],
        expected: 0,
        queue: [],
        error: undefined,
      };
    }),
    markStarted: assign(({ context }) => ({ startedAt: context.now().toISOString() })),
    markFinished: assign(({ context }) => ({ finishedAt: context.now().toISOString() })),
    planAllQueries: assign(({ context }) => {
      const request = context.request!;
      const { tasks, skipped } = planQueries(
        request.targets,
        request.lists,
        isUsable(context.health),
      );
      return { queue: tasks, results: skipped, expected: tasks.length + skipped.length };
    }),
    planRetries: assign(({ context }) => {
      const request = context.request!;
      const failed = new Set(
        context.results.filter(isRetryable).map((r) => `${r.address}|${r.listId}`),
      );
      const { tasks } = planQueries(request.targets, request.lists, isUsable(context.health));
      return {
        queue: tasks.filter((task) => failed.has(task.key)),
        results: context.results.filter((r) => !isRetryable(r)),
        finishedAt: undefined,
        error: undefined,
      };
    }),
    addResults: assign(({ context, event }) => {
      if (event.type !== 'lookup.batch') return {};
      return { results: context.results.concat(event.results) };
    }),
    recordError: assign(({ event }) => {
      if (event.type === 'lookup.failed') return { error: event.error };
      if ('error' in event) return { error: describe(event.error) };
      return {};
    }),
  },
}).createMachine({
  id: 'lookup',
  context: ({ input }) => ({
    request: undefined,
    runId: '',
    startedAt: undefined,
    finishedAt: undefined,
    health: {},
    results: [],
    expected: 0,
    queue: [],
    error: undefined,
    now: input.now ?? (() => new Date()),
    newId: input.newId ?? (() => crypto.randomUUID()),
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        'lookup.start': START_RUN,
      },
    },
    /** Nothing is sent until the user agrees to what will be sent, and to whom. */
    consent: {
      on: {
        'lookup.consent.give': { target: 'checking' },
        'lookup.consent.decline': { target: 'idle' },
      },
    },
    checking: {
      entry: 'markStarted',
      invoke: {
        src: 'checkHealth',
        input: ({ context }) => ({ request: context.request! }),
        onDone: [
          {
            // Nothing answered its test points: a run with no verdict at all is not evidence.
            guard: ({ context, event }) =>
              whyNothingCanBeChecked(context.request!.lists, event.output) !== undefined,
            target: 'failed',
            actions: assign({
              health: ({ event }) => event.output,
              error: ({ context, event }) =>
                whyNothingCanBeChecked(context.request!.lists, event.output),
            }),
          },
          {
            target: 'querying',
            actions: [assign({ health: ({ event }) => event.output }), 'planAllQueries'],
          },
        ],
        onError: { target: 'failed', actions: 'recordError' },
      },
      on: { 'lookup.cancel': { target: 'cancelled' } },
    },
    querying: {
      invoke: {
        src: 'runQueries',
        input: ({ context }) => ({ request: context.request!, tasks: context.queue }),
        onError: { target: 'failed', actions: 'recordError' },
      },
      on: {
        'lookup.batch': { actions: 'addResults' },
        'lookup.finished': { target: 'done' },
        'lookup.failed': { target: 'failed', actions: 'recordError' },
        'lookup.cancel': { target: 'cancelled' },
      },
    },
    done: {
      entry: 'markFinished',
      on: {
        'lookup.start': START_RUN,
        'lookup.retry': { guard: 'hasRetryable', target: 'querying', actions: 'planRetries' },
      },
    },
    cancelled: {
      entry: 'markFinished',
      on: {
        'lookup.start': START_RUN,
      },
    },
    failed: {
      entry: 'markFinished',
      on: {
        'lookup.start': START_RUN,
      },
    },
  },
});

/** The run as evidence for the assessment: only complete runs are stored (see the session). */
export function toLookupRun(context: LookupContext): LookupRun | undefined {
  const request = context.request;
  if (!request || !context.startedAt) return undefined;
  return {
    id: context.runId,
    startedAt: context.startedAt,
    ...(context.finishedAt ? { finishedAt: context.finishedAt } : {}),
    state: 'complete',
    resolver: request.resolver,
    addresses: request.targets.map((t) => t.address),
    ...(request.notChecked?.length ? { notChecked: request.notChecked } : {}),
    lists: request.lists.map(({ list }) => runListOf(list, context.health[list.id] ?? {})),
    results: context.results,
  };
}
