import { describe, expect, test } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import { DNSBL_LISTS } from '../../src/lib/content/blocklists';
import { planList, toTarget, type PlannedList } from '../../src/lib/blocklists/domain/plan';
import type { BlocklistResult } from '../../src/lib/model/blocklist-run';
import {
  finishedRun,
  checkMachine,
  runSoFar,
  type FamilyHealth,
  type CheckRequest,
  type QueriesInput,
} from '../../src/lib/blocklists/check.machine';

function planned(id: string): PlannedList {
  const list = DNSBL_LISTS.find((l) => l.id === id);
  if (!list) throw new Error(`no list ${id}`);
  const result = planList(list, undefined);
  if (!result.ok) throw new Error(result.message);
  return result.planned;
}

const psbl = planned('psbl');
const ipv4Only = DNSBL_LISTS.find(
  (l) => l.ipv6 === false && l.status === 'alive' && !l.zone.startsWith('{'),
)!;

function request(overrides: Partial<CheckRequest> = {}): CheckRequest {
  return {
    resolver: { label: 'Test', url: 'http://127.0.0.1:1/dns-query' },
    lists: [psbl],
    targets: ['192.0.2.1', '192.0.2.2', '2001:db8::1'].map(toTarget),
    concurrency: 4,
    timeoutMs: 1000,
    consented: false,
    ...overrides,
  };
}

const healthy: Record<string, FamilyHealth> = {
  psbl: { ipv4: { usable: true }, ipv6: { usable: true } },
};

/** A runQueries stand-in that answers every task with `outcome`, in one batch. */
function answeringWith(outcome: (address: string) => BlocklistResult['outcome']) {
  const asked: QueriesInput[] = [];
  const actor = fromCallback<EventObject, QueriesInput>(({ input, sendBack }) => {
    asked.push(input);
    const results = input.tasks.map((t) => ({
      address: t.address,
      listId: t.listId,
      outcome: outcome(t.address),
      codes: [],
      meanings: [],
    }));
    queueMicrotask(() => {
      sendBack({ type: 'check.batch', results });
      sendBack({ type: 'check.finished' });
    });
  });
  return { actor, asked };
}

function start(options: {
  health?: Record<string, FamilyHealth> | Error;
  runQueries?: ReturnType<typeof answeringWith>['actor'];
}) {
  const machine = checkMachine.provide({
    actors: {
      checkHealth: fromPromise(async () => {
        if (options.health instanceof Error) throw options.health;
        return options.health ?? healthy;
      }),
      runQueries: options.runQueries ?? answeringWith(() => 'not-listed').actor,
    },
  });
  let n = 0;
  const actor = createActor(machine, {
    input: { now: () => new Date('2026-11-28T12:00:00Z'), newId: () => `run-${++n}` },
  });
  actor.start();
  return actor;
}

describe('lookup machine', () => {
  test('nothing is sent before consent: a start without consent waits for it', () => {
    const actor = start({});
    actor.send({ type: 'check.start', request: request() });
    expect(actor.getSnapshot().value).toBe('consent');
  });

  test('declining consent goes back to idle without checking anything', () => {
    let checked = false;
    const machine = checkMachine.provide({
      actors: {
        checkHealth: fromPromise(async () => {
          checked = true;
          return healthy;
        }),
      },
    });
    const actor = createActor(machine, { input: {} }).start();
    actor.send({ type: 'check.start', request: request() });
    actor.send({ type: 'check.consent.decline' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(checked).toBe(false);
  });

  test('with consent it checks health, queries, and finishes with one result per address', async () => {
    const actor = start({});
    actor.send({ type: 'check.start', request: request() });
    actor.send({ type: 'check.consent.give' });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(done.context.results.map((r) => [r.address, r.outcome])).toEqual([
      ['192.0.2.1', 'not-listed'],
      ['192.0.2.2', 'not-listed'],
      ['2001:db8::1', 'not-listed'],
    ]);
    expect(done.context.expected).toBe(3);
  });

  test('a consent already given for this resolver and these lists skips the question', async () => {
    const actor = start({});
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    expect(actor.getSnapshot().value).toBe('checking');
    await waitFor(actor, (s) => s.matches('done'));
  });

  test('a list that fails its health check is not queried at all', async () => {
    const { actor: runner, asked } = answeringWith(() => 'listed');
    const actor = start({
      health: { psbl: { ipv4: { usable: false, reason: 'wildcarded' }, ipv6: { usable: true } } },
      runQueries: runner,
    });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(asked[0]?.tasks.map((t) => t.address)).toEqual(['2001:db8::1']);
    const run = finishedRun(done)!;
    expect(run.lists[0]?.familyHealth.ipv4).toEqual({ usable: false, reason: 'wildcarded' });
    expect(run.lists[0]?.health).toEqual({ usable: true });
  });

  test('what the request left out (private, over the limit) is stored with the run', async () => {
    const actor = start({});
    const notChecked = [
      { addresses: '10.0.0.0/8', why: 'not-public' as const, reason: 'private network (RFC 1918)' },
    ];
    actor.send({ type: 'check.start', request: request({ consented: true, notChecked }) });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(finishedRun(done)?.notChecked).toEqual(notChecked);
  });

  test('IPv6 addresses on an IPv4-only list are skipped, not reported clean', async () => {
    const ipv4OnlyPlanned = planList(ipv4Only, undefined);
    if (!ipv4OnlyPlanned.ok) throw new Error('unexpected');
    const actor = start({ health: { [ipv4Only.id]: { ipv4: { usable: true } } } });
    actor.send({
      type: 'check.start',
      request: request({ consented: true, lists: [ipv4OnlyPlanned.planned] }),
    });
    const done = await waitFor(actor, (s) => s.matches('done'));
    const v6 = done.context.results.find((r) => r.address === '2001:db8::1');
    expect(v6?.outcome).toBe('skipped');
  });

  test('a failing health check actor ends in failed with the error', async () => {
    const actor = start({ health: new Error('resolver unreachable') });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    const failed = await waitFor(actor, (s) => s.matches('failed'));
    expect(failed.context.error).toBe('resolver unreachable');
  });

  test('when no list passes its test points (resolver unreachable), the run fails and asks nothing', async () => {
    const { actor: runner, asked } = answeringWith(() => 'not-listed');
    const down = {
      usable: false as const,
      reason: 'The list’s test point 127.0.0.2 could not be checked: Failed to fetch.',
    };
    const actor = start({ health: { psbl: { ipv4: down, ipv6: down } }, runQueries: runner });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    const failed = await waitFor(actor, (s) => s.matches('failed'));
    expect(asked).toEqual([]);
    expect(failed.context.results).toEqual([]);
    expect(failed.context.error).toMatch(/^No list answered its test points correctly/);
    expect(failed.context.error).toMatch(/Failed to fetch\. Check that the resolver/);
  });

  test('cancel stops the run at once and keeps only whole results', async () => {
    let stopped = false;
    const runner = fromCallback<EventObject, QueriesInput>(({ input, sendBack }) => {
      sendBack({
        type: 'check.batch',
        results: [
          {
            address: input.tasks[0]!.address,
            listId: 'psbl',
            outcome: 'not-listed',
            codes: [],
            meanings: [],
          },
        ],
      });
      return () => {
        stopped = true;
      };
    });
    const actor = start({ runQueries: runner });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    await waitFor(actor, (s) => s.matches('querying'));
    actor.send({ type: 'check.cancel' });
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(stopped).toBe(true);
    expect(actor.getSnapshot().context.results).toHaveLength(1);
  });

  test('a cancelled run is shown as cancelled with its results so far, and is never evidence', async () => {
    const runner = fromCallback<EventObject, QueriesInput>(({ input, sendBack }) => {
      const first = input.tasks[0]!;
      sendBack({
        type: 'check.batch',
        results: [
          {
            address: first.address,
            listId: first.listId,
            outcome: 'listed',
            codes: [],
            meanings: [],
          },
        ],
      });
    });
    const actor = start({ runQueries: runner });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    await waitFor(actor, (s) => s.matches('querying'));
    expect(runSoFar(actor.getSnapshot())?.state).toBe('running');
    actor.send({ type: 'check.cancel' });
    const cancelled = actor.getSnapshot();
    expect(runSoFar(cancelled)).toMatchObject({
      state: 'cancelled',
      finishedAt: '2026-11-28T12:00:00.000Z',
      results: [{ address: '192.0.2.1', outcome: 'listed' }],
    });
    expect(finishedRun(cancelled)).toBeUndefined();
  });

  test('a failed run is shown as failed, and is never evidence', async () => {
    const actor = start({ health: new Error('resolver unreachable') });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    const failed = await waitFor(actor, (s) => s.matches('failed'));
    expect(runSoFar(failed)?.state).toBe('failed');
    expect(finishedRun(failed)).toBeUndefined();
  });

  test('before consent there is no run to show', () => {
    const actor = start({});
    actor.send({ type: 'check.start', request: request() });
    expect(runSoFar(actor.getSnapshot())).toBeUndefined();
  });

  test('retry asks again only the questions that failed, and replaces their results', async () => {
    let pass = 0;
    const asked: string[][] = [];
    const runner = fromCallback<EventObject, QueriesInput>(({ input, sendBack }) => {
      pass += 1;
      asked.push(input.tasks.map((t) => t.address));
      const results = input.tasks.map((t) => ({
        address: t.address,
        listId: t.listId,
        outcome: (pass === 1 && t.address === '192.0.2.2'
          ? 'timeout'
          : 'not-listed') as BlocklistResult['outcome'],
        codes: [],
        meanings: [],
      }));
      queueMicrotask(() => {
        sendBack({ type: 'check.batch', results });
        sendBack({ type: 'check.finished' });
      });
    });
    const actor = start({ runQueries: runner });
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    await waitFor(actor, (s) => s.matches('done'));
    actor.send({ type: 'check.retry' });
    const done = await waitFor(actor, (s) => s.matches('done') && pass === 2);
    expect(asked[1]).toEqual(['192.0.2.2']);
    expect(done.context.results).toHaveLength(3);
    expect(done.context.results.every((r) => r.outcome === 'not-listed')).toBe(true);
  });

  test('retry with nothing to retry is ignored', async () => {
    const actor = start({});
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    await waitFor(actor, (s) => s.matches('done'));
    actor.send({ type: 'check.retry' });
    expect(actor.getSnapshot().value).toBe('done');
  });

  test('a finished run becomes evidence with resolver, lists, addresses and times', async () => {
    const actor = start({});
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    const done = await waitFor(actor, (s) => s.matches('done'));
    const run = finishedRun(done);
    expect(run).toMatchObject({
      id: 'run-1',
      state: 'complete',
      resolver: { url: 'http://127.0.0.1:1/dns-query' },
      addresses: ['192.0.2.1', '192.0.2.2', '2001:db8::1'],
      startedAt: '2026-11-28T12:00:00.000Z',
      finishedAt: '2026-11-28T12:00:00.000Z',
    });
    expect(run?.lists.map((l) => l.id)).toEqual(['psbl']);
  });
});

describe('resuming an interrupted run', () => {
  const kept: BlocklistResult[] = [
    { address: '192.0.2.1', listId: 'psbl', outcome: 'listed', codes: ['127.0.0.2'], meanings: [] },
  ];
  const progress = {
    runId: 'interrupted-run',
    startedAt: '2026-11-28T11:00:00.000Z',
    health: healthy,
    results: kept,
  };

  test('with consent, it asks only the pairs without an answer, keeps the rest, and ends as one run', async () => {
    let healthChecked = false;
    const { actor: runQueries, asked } = answeringWith(() => 'not-listed');
    const machine = checkMachine.provide({
      actors: {
        checkHealth: fromPromise(async () => {
          healthChecked = true;
          return healthy;
        }),
        runQueries,
      },
    });
    const actor = createActor(machine, {
      input: { now: () => new Date('2026-11-28T12:00:00Z'), newId: () => 'new-id' },
    }).start();
    actor.send({ type: 'check.resume', request: request({ consented: true }), progress });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(asked.map((a) => a.tasks.map((t) => t.address))).toEqual([['192.0.2.2', '2001:db8::1']]);
    // The lists' test points were answered before the interruption: not asked again.
    expect(healthChecked).toBe(false);
    expect(done.context.results.map((r) => [r.address, r.outcome])).toEqual([
      ['192.0.2.1', 'listed'],
      ['192.0.2.2', 'not-listed'],
      ['2001:db8::1', 'not-listed'],
    ]);
    const run = finishedRun(done)!;
    expect(run).toMatchObject({ id: 'interrupted-run', startedAt: '2026-11-28T11:00:00.000Z' });
  });

  test('without consent it waits for it, then resumes; declining sends nothing', async () => {
    const { actor: runQueries, asked } = answeringWith(() => 'not-listed');
    const actor = start({ runQueries });
    actor.send({ type: 'check.resume', request: request(), progress });
    expect(actor.getSnapshot().value).toBe('consent');
    actor.send({ type: 'check.consent.decline' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(asked).toEqual([]);
    actor.send({ type: 'check.resume', request: request(), progress });
    actor.send({ type: 'check.consent.give' });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.tasks).toHaveLength(2);
    expect(done.context.results).toHaveLength(3);
  });

  test('a fresh start after a resumed one plans every pair again', async () => {
    const { actor: runQueries, asked } = answeringWith(() => 'not-listed');
    const actor = start({ runQueries });
    actor.send({ type: 'check.resume', request: request({ consented: true }), progress });
    await waitFor(actor, (s) => s.matches('done'));
    actor.send({ type: 'check.start', request: request({ consented: true }) });
    await waitFor(actor, (s) => s.matches('done'));
    expect(asked.map((a) => a.tasks.length)).toEqual([2, 3]);
  });
});
