import type { AddressKind } from '../../net/address-lines';
import { assessHealth, type Health, type RawOutcome } from '../domain/classify';
import type { DnsblList } from '../../model/blocklist-catalogue';
import { resultFor, type HealthTask, type QueryTask } from '../domain/plan';
import { backoffMs, shouldRetry } from '../domain/retry';
import type { BlocklistResult } from '../../model/blocklist-run';
import type { DohClient, DohRecordType } from './doh';

/**
 * The check's query engine: a fixed number of workers pulling queries from per-list queues, so no
 * more than `concurrency` queries are in flight, each list is asked no faster than its operator's
 * stated limit, and transient failures are retried with backoff. Cancelling aborts every query in
 * flight; nothing is reported after that.
 */

export interface EngineOptions {
  client: DohClient;
  resolverUrl: string;
  /** Whether the resolver is the organisation's own (see classify.ts ResolverInUse). */
  ownResolver?: boolean;
  timeoutMs: number;
  concurrency: number;
  signal: AbortSignal;
  random?: () => number;
  now?: () => number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits until the list may be asked once more (its rate limit), booking that slot. */
type Pace = () => Promise<void>;

/**
 * One question, asked again only after a transient failure (network, 5xx, 429). Every query
 * after the first of a job (a retry, a TXT, the second test point) waits for its own slot in the
 * list's rate limit: the operator's limit counts queries, not jobs.
 */
async function ask(
  options: EngineOptions,
  name: string,
  type: DohRecordType,
  pace: Pace | undefined,
): Promise<RawOutcome> {
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0 && pace) await pace();
    const outcome = await options.client.query({
      resolverUrl: options.resolverUrl,
      name,
      type,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (!shouldRetry(outcome, attempt)) return outcome;
    await sleep(backoffMs(attempt, random), options.signal);
  }
}

/**
 * Hands out work by list in rotation, holding back a list whose rate limit says "not yet".
 * `take` returns a job, a number of milliseconds to wait, or undefined when everything is taken.
 */
class Scheduler<T> {
  #queues: { lane: string; jobs: T[]; next: number; intervalMs: number; freeAt: number }[];
  #turn = 0;

  constructor(
    jobs: readonly T[],
    laneOf: (job: T) => string,
    intervalOf: (lane: string) => number,
  ) {
    const byLane = new Map<string, T[]>();
    for (const job of jobs) {
      const lane = laneOf(job);
      const list = byLane.get(lane) ?? [];
      list.push(job);
      byLane.set(lane, list);
    }
    this.#queues = [...byLane].map(([lane, laneJobs]) => ({
      lane,
      jobs: laneJobs,
      next: 0,
      intervalMs: intervalOf(lane),
      freeAt: 0,
    }));
  }

  take(now: number): T | number | undefined {
    let wait = Infinity;
    const count = this.#queues.length;
    for (let i = 0; i < count; i += 1) {
      const queue = this.#queues[(this.#turn + i) % count]!;
      if (queue.next >= queue.jobs.length) continue;
      if (queue.freeAt > now) {
        wait = Math.min(wait, queue.freeAt - now);
        continue;
      }
      this.#turn = (this.#turn + i + 1) % count;
      queue.freeAt = queue.intervalMs > 0 ? Math.max(now, queue.freeAt) + queue.intervalMs : 0;
      return queue.jobs[queue.next++];
    }
    return wait === Infinity ? undefined : wait;
  }

  /** Books the lane's next free slot for one more query; returns how long to wait for it. */
  reserve(lane: string, now: number): number {
    const queue = this.#queues.find((q) => q.lane === lane);
    if (!queue || queue.intervalMs === 0) return 0;
    const at = Math.max(now, queue.freeAt);
    queue.freeAt = at + queue.intervalMs;
    return at - now;
  }
}

/** Minimum milliseconds between two queries to a list, from its stated rate limit. */
export function listIntervalMs(list: DnsblList | undefined): number {
  const perSecond = list?.rateLimit?.queriesPerSecond;
  return perSecond ? Math.ceil(1000 / perSecond) : 0;
}

async function runPool<T>(
  jobs: readonly T[],
  laneOf: (job: T) => string,
  lists: ReadonlyMap<string, DnsblList>,
  options: EngineOptions,
  work: (job: T, pace: Pace) => Promise<void>,
): Promise<void> {
  const now = options.now ?? (() => performance.now());
  const scheduler = new Scheduler(jobs, laneOf, (lane) => listIntervalMs(lists.get(lane)));
  const paceFor = (job: T): Pace => {
    return async () => {
      const wait = scheduler.reserve(laneOf(job), now());
      if (wait > 0) await sleep(wait, options.signal);
    };
  };
  const worker = async () => {
    for (;;) {
      if (options.signal.aborted) throw options.signal.reason;
      const next = scheduler.take(now());
      if (next === undefined) return;
      if (typeof next === 'number') {
        await sleep(next, options.signal);
        continue;
      }
      await work(next, paceFor(next));
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.concurrency, jobs.length)) },
    worker,
  );
  await Promise.all(workers);
}

/** Checks every list's RFC 5782 test points; returns the health per list and address family. */
export async function runHealthChecks(
  tasks: readonly HealthTask[],
  lists: ReadonlyMap<string, DnsblList>,
  options: EngineOptions,
): Promise<Map<string, Partial<Record<AddressKind, Health>>>> {
  const health = new Map<string, Partial<Record<AddressKind, Health>>>();
  await runPool(
    tasks,
    (task) => task.listId,
    lists,
    options,
    async (task, pace) => {
      const list = lists.get(task.listId);
      if (!list) return;
      // One after the other: a worker has one query in flight, so `concurrency` holds here too.
      const listed = await ask(options, task.listedName, 'A', pace);
      await pace();
      const notListed = await ask(options, task.notListedName, 'A', pace);
      const entry = health.get(task.listId) ?? {};
      entry[task.kind] = assessHealth(
        list,
        task.kind,
        listed,
        notListed,
        options.ownResolver ? 'own' : 'public',
      );
      health.set(task.listId, entry);
    },
  );
  return health;
}

/**
 * Asks every planned question and reports each classified result as soon as it is known. A
 * listing without a reason in its answer gets one TXT query at the same name for the reason.
 */
export async function runQueries(
  tasks: readonly QueryTask[],
  lists: ReadonlyMap<string, DnsblList>,
  options: EngineOptions,
  onResult: (result: BlocklistResult) => void,
): Promise<void> {
  await runPool(
    tasks,
    (task) => task.listId,
    lists,
    options,
    async (task, pace) => {
      const list = lists.get(task.listId);
      if (!list) return;
      const outcome = await ask(options, task.name, 'A', pace);
      let result = resultFor(task, list, outcome);
      // RFC 5782: clients SHOULD show the TXT reason; ask for it only for real listings.
      if (result.outcome === 'listed' && result.txt === undefined) {
        await pace();
        const txt = await ask(options, task.name, 'TXT', pace);
        result = resultFor(task, list, outcome, txt);
      }
      if (!options.signal.aborted) onResult(result);
    },
  );
}
