import {
  assertEvent,
  assign,
  fromCallback,
  fromPromise,
  setup,
  type EventObject,
  type SnapshotFrom,
} from 'xstate';
import { describeError } from '../shared/errors';
import type { AddressKind } from '../net/address-lines';
import {
  pairKey,
  type BlocklistResult,
  type BlocklistRun,
  type RunOnScreen,
  type RunState,
} from '../model/blocklist-run';
import {
  isRetryable,
  planQueries,
  runListOf,
  whyNothingCanBeChecked,
  type FamilyHealth,
  type HealthInput,
  type CheckRequest,
  type QueriesInput,
  type QueryTask,
} from './domain/plan';

// The actors' contract lives in the domain, so the I/O that implements it need not import this.
export type { FamilyHealth, HealthInput, CheckRequest, QueriesInput };

/**
 * One block-list run: consent, health check of every list, querying, then done, cancelled or
 * failed. The DNS work happens in two named actors (`checkHealth`, `runQueries`) that the app
 * provides with the real DoH client (io/actors.ts) and tests replace with `.provide()`.
 */

/** What the `runQueries` actor sends back while it works. */
export type RunnerEvent =
  | { type: 'check.batch'; results: BlocklistResult[] }
  | { type: 'check.finished' }
  | { type: 'check.failed'; error: string };

/** What an interrupted run had got to, for resuming it (see `check.resume`). */
export interface RunProgress {
  runId: string;
  startedAt: string;
  /** The lists' test-point outcomes, as the run found them before it was cut short. */
  health: Record<string, FamilyHealth>;
  /** Every answer it had: kept, and never asked again. */
  results: BlocklistResult[];
}

export type CheckEvent =
  | { type: 'check.start'; request: CheckRequest }
  /** Carries on an interrupted run with the same request, asking only the pairs it had not. */
  | { type: 'check.resume'; request: CheckRequest; progress: RunProgress }
  | { type: 'check.consent.give' }
  | { type: 'check.consent.decline' }
  | { type: 'check.cancel' }
  | { type: 'check.retry' }
  | RunnerEvent;

export interface CheckContext {
  /** The run being made or last made; undefined until the first start. */
  request: CheckRequest | undefined;
  runId: string;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  health: Record<string, FamilyHealth>;
  /** Every result so far, one per address and list; a retry replaces the failed ones. */
  results: BlocklistResult[];
  /** How many results the run will have when every planned question is answered. */
  expected: number;
  /** The questions the current querying pass asks. */
  queue: QueryTask[];
  /** True while the run being started carries on an interrupted one (see `check.resume`). */
  resuming: boolean;
  error: string | undefined;
  now: () => Date;
  newId: () => string;
}

export interface CheckInput {
  now?: () => Date;
  newId?: () => string;
}

/** The request of the run in progress: asking for it with none is a mistake in this machine. */
function requestOf(context: CheckContext): CheckRequest {
  if (!context.request) throw new Error('The block-list check has no run in progress');
  return context.request;
}

function isUsable(health: Record<string, FamilyHealth>) {
  return (listId: string, kind: AddressKind) => health[listId]?.[kind]?.usable === true;
}

/** A new run may start from rest or after any finished run; consent decides the first step. */
const START_RUN = [
  { guard: 'hasConsent', target: 'checking', actions: 'acceptRequest' },
  { target: 'consent', actions: 'acceptRequest' },
] as const;

/** Resuming needs the same consent as starting: without it, the user is asked first. */
const RESUME_RUN = [
  { guard: 'hasConsent', target: 'querying', actions: ['acceptResume', 'planResume'] },
  { target: 'consent', actions: 'acceptResume' },
] as const;

export const checkMachine = setup({
  types: {} as {
    context: CheckContext;
    events: CheckEvent;
    input: CheckInput;
  },
  actors: {
    // Placeholders: the app provides the DoH-backed implementations (io/actors.ts).
    checkHealth: fromPromise<Record<string, FamilyHealth>, HealthInput>(async () => {
      throw new Error('checkHealth is not provided');
    }),
    runQueries: fromCallback<EventObject, QueriesInput>(({ sendBack }) => {
      sendBack({ type: 'check.failed', error: 'runQueries is not provided' });
    }),
  },
  guards: {
    hasConsent: ({ event }) => {
      assertEvent(event, ['check.start', 'check.resume']);
      return event.request.consented;
    },
    isResuming: ({ context }) => context.resuming,
    hasRetryable: ({ context }) => context.results.some(isRetryable),
    /** No list answered its test points: a run with no verdict at all is not evidence. */
    nothingCanBeChecked: ({ context }, health: Record<string, FamilyHealth>) =>
      whyNothingCanBeChecked(requestOf(context).lists, health) !== undefined,
  },
  actions: {
    acceptRequest: assign(({ context, event }) => {
      assertEvent(event, 'check.start');
      return {
        request: event.request,
        runId: context.newId(),
        startedAt: undefined,
        finishedAt: undefined,
        health: {},
        results: [],
        expected: 0,
        queue: [],
        resuming: false,
        error: undefined,
      };
    }),
    acceptResume: assign(({ event }) => {
      assertEvent(event, 'check.resume');
      const { request, progress } = event;
      return {
        request,
        runId: progress.runId,
        startedAt: progress.startedAt,
        finishedAt: undefined,
        health: progress.health,
        results: progress.results,
        expected: 0,
        queue: [],
        resuming: true,
        error: undefined,
      };
    }),
    /** The same plan as the run's first pass, less every pair that already has an answer. */
    planResume: assign(({ context }) => {
      const request = requestOf(context);
      const { tasks, skipped } = planQueries(
        request.targets,
        request.lists,
        isUsable(context.health),
      );
      const answered = new Set(context.results.map((r) => pairKey(r.address, r.listId)));
      return {
        queue: tasks.filter((task) => !answered.has(task.key)),
        results: context.results.concat(
          skipped.filter((r) => !answered.has(pairKey(r.address, r.listId))),
        ),
        expected: tasks.length + skipped.length,
        resuming: false,
      };
    }),
    markStarted: assign(({ context }) => ({ startedAt: context.now().toISOString() })),
    markFinished: assign(({ context }) => ({ finishedAt: context.now().toISOString() })),
    recordHealth: assign((_, health: Record<string, FamilyHealth>) => ({ health })),
    explainNothingChecked: assign(({ context }) => ({
      error: whyNothingCanBeChecked(requestOf(context).lists, context.health),
    })),
    planAllQueries: assign(({ context }) => {
      const request = requestOf(context);
      const { tasks, skipped } = planQueries(
        request.targets,
        request.lists,
        isUsable(context.health),
      );
      return { queue: tasks, results: skipped, expected: tasks.length + skipped.length };
    }),
    planRetries: assign(({ context }) => {
      const request = requestOf(context);
      const failed = new Set(
        context.results.filter(isRetryable).map((r) => pairKey(r.address, r.listId)),
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
      assertEvent(event, 'check.batch');
      return { results: context.results.concat(event.results) };
    }),
    recordFailure: assign((_, params: { error: unknown }) => ({
      error: describeError(params.error),
    })),
  },
}).createMachine({
  id: 'check',
  context: ({ input }) => ({
    request: undefined,
    runId: '',
    startedAt: undefined,
    finishedAt: undefined,
    health: {},
    results: [],
    expected: 0,
    queue: [],
    resuming: false,
    error: undefined,
    now: input.now ?? (() => new Date()),
    newId: input.newId ?? (() => crypto.randomUUID()),
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        'check.start': START_RUN,
        'check.resume': RESUME_RUN,
      },
    },
    /** Nothing is sent until the user agrees to what will be sent, and to whom. */
    consent: {
      on: {
        'check.consent.give': [
          { guard: 'isResuming', target: 'querying', actions: 'planResume' },
          { target: 'checking' },
        ],
        'check.consent.decline': { target: 'idle' },
      },
    },
    checking: {
      entry: 'markStarted',
      invoke: {
        src: 'checkHealth',
        input: ({ context }) => ({ request: requestOf(context) }),
        onDone: [
          {
            guard: { type: 'nothingCanBeChecked', params: ({ event }) => event.output },
            target: 'failed',
            actions: [
              { type: 'recordHealth', params: ({ event }) => event.output },
              'explainNothingChecked',
            ],
          },
          {
            target: 'querying',
            actions: [
              { type: 'recordHealth', params: ({ event }) => event.output },
              'planAllQueries',
            ],
          },
        ],
        onError: {
          target: 'failed',
          actions: { type: 'recordFailure', params: ({ event }) => ({ error: event.error }) },
        },
      },
      on: { 'check.cancel': { target: 'cancelled' } },
    },
    querying: {
      invoke: {
        src: 'runQueries',
        input: ({ context }) => ({ request: requestOf(context), tasks: context.queue }),
        onError: {
          target: 'failed',
          actions: { type: 'recordFailure', params: ({ event }) => ({ error: event.error }) },
        },
      },
      on: {
        'check.batch': { actions: 'addResults' },
        'check.finished': { target: 'done' },
        'check.failed': {
          target: 'failed',
          actions: { type: 'recordFailure', params: ({ event }) => ({ error: event.error }) },
        },
        'check.cancel': { target: 'cancelled' },
      },
    },
    done: {
      entry: 'markFinished',
      on: {
        'check.start': START_RUN,
        'check.retry': { guard: 'hasRetryable', target: 'querying', actions: 'planRetries' },
      },
    },
    cancelled: {
      entry: 'markFinished',
      on: {
        'check.start': START_RUN,
      },
    },
    failed: {
      entry: 'markFinished',
      on: {
        'check.start': START_RUN,
      },
    },
  },
});

export type CheckSnapshot = SnapshotFrom<typeof checkMachine>;

/** Where a check is: the machine's state, named for the screen. */
export type CheckPhase = CheckSnapshot['value'];

/** The phases in which queries are being sent. */
export function isRunning(phase: CheckPhase): boolean {
  return phase === 'checking' || phase === 'querying';
}

/** How a run that has stopped ended, as a stored run records it. */
const ENDED: Partial<Record<CheckPhase, RunState>> = {
  done: 'complete',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * The run as it stands, in the stored form: `state` is how it ended ('complete' once done,
 * 'cancelled', 'failed'), or 'running' while queries are still being sent. Undefined before a
 * run has started (idle, or waiting for consent).
 */
export function runSoFar(snapshot: CheckSnapshot): RunOnScreen | undefined {
  const { context } = snapshot;
  const phase = snapshot.value;
  if (!context.request || !context.startedAt || phase === 'idle' || phase === 'consent') {
    return undefined;
  }
  const request = context.request;
  return {
    id: context.runId,
    startedAt: context.startedAt,
    ...(context.finishedAt ? { finishedAt: context.finishedAt } : {}),
    state: ENDED[phase] ?? 'running',
    resolver: request.resolver,
    addresses: request.targets.map((t) => t.address),
    ...(request.notChecked?.length ? { notChecked: request.notChecked } : {}),
    lists: request.lists.map(({ list }) => runListOf(list, context.health[list.id] ?? {})),
    results: context.results,
  };
}

/** The run to store as evidence: only a complete one, so a cancelled or failed run never replaces it. */
export function finishedRun(snapshot: CheckSnapshot): BlocklistRun | undefined {
  const run = runSoFar(snapshot);
  return run?.state === 'complete' ? { ...run, state: 'complete' } : undefined;
}
