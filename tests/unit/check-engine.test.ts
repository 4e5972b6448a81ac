import { describe, expect, test, vi } from 'vitest';
import type { RawOutcome } from '../../src/lib/blocklists/domain/classify';
import { DNSBL_LISTS } from '../../src/lib/content/blocklists';
import type { DnsblList } from '../../src/lib/model/blocklist-catalogue';
import {
  planHealthChecks,
  planList,
  planQueries,
  toTarget,
  type PlannedList,
} from '../../src/lib/blocklists/domain/plan';
import type { BlocklistResult } from '../../src/lib/model/blocklist-run';
import type { DohClient, DohQueryParams } from '../../src/lib/blocklists/io/doh';
import { listIntervalMs, runHealthChecks, runQueries } from '../../src/lib/blocklists/io/engine';

const psbl = DNSBL_LISTS.find((l) => l.id === 'psbl')!;
const limited = DNSBL_LISTS.find((l) => l.rateLimit?.queriesPerSecond)!;

function plan(list: DnsblList): PlannedList {
  const r = planList(list, undefined);
  if (!r.ok) throw new Error(r.message);
  return r.planned;
}

const answer = (a: string[] = [], rcode = 'NOERROR', txt: string[] = []): RawOutcome => ({
  kind: 'answer',
  rcode,
  a,
  txt,
  elapsedMs: 1,
});

/**
 * Runs `work` on a fake clock (timers and performance.now), so the spacing a rate limit asks for
 * is measured exactly: on the real clock, a busy machine can delay a query after its slot was
 * booked and make the measured gap look a few milliseconds short.
 */
async function onFakeClock<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  try {
    const done = work();
    await vi.runAllTimersAsync();
    return await done;
  } finally {
    vi.useRealTimers();
  }
}

/** A DoH client whose answers come from `respond`, recording what was asked and when. */
function fakeClient(respond: (p: DohQueryParams, attempt: number) => RawOutcome, delayMs = 2) {
  const asked: { name: string; type: string; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const attempts = new Map<string, number>();
  const client: DohClient = {
    async query(params) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      asked.push({ name: params.name, type: params.type, at: performance.now() });
      const key = `${params.type} ${params.name}`;
      const attempt = attempts.get(key) ?? 0;
      attempts.set(key, attempt + 1);
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight -= 1;
      return respond(params, attempt);
    },
  };
  return { client, asked, maxInFlight: () => maxInFlight };
}

function options(client: DohClient, concurrency = 4, signal = new AbortController().signal) {
  return {
    client,
    resolverUrl: 'http://x/dns-query',
    timeoutMs: 1000,
    concurrency,
    signal,
    random: () => 0,
  };
}

function tasksFor(addresses: string[], lists: PlannedList[]) {
  return planQueries(addresses.map(toTarget), lists, () => true).tasks;
}

describe('lookup engine', () => {
  test('never has more queries in flight than allowed', async () => {
    const fake = fakeClient(() => answer([], 'NXDOMAIN'));
    const addresses = Array.from({ length: 40 }, (_, i) => `192.0.2.${i}`);
    const results: BlocklistResult[] = [];
    await runQueries(
      tasksFor(addresses, [plan(psbl)]),
      new Map([[psbl.id, psbl]]),
      options(fake.client, 5),
      (r) => results.push(r),
    );
    expect(results).toHaveLength(40);
    expect(fake.maxInFlight()).toBe(5);
  });

  test('asks each question once, and the TXT reason only for a listing', async () => {
    const fake = fakeClient((p) =>
      p.name.startsWith('1.2.0.192') && p.type === 'A'
        ? answer(['127.0.0.2'])
        : p.type === 'TXT'
          ? answer([], 'NOERROR', ['Spam trap hit'])
          : answer([], 'NXDOMAIN'),
    );
    const results: BlocklistResult[] = [];
    await runQueries(
      tasksFor(['192.0.2.1', '192.0.2.2', '192.0.2.1'], [plan(psbl)]),
      new Map([[psbl.id, psbl]]),
      options(fake.client),
      (r) => results.push(r),
    );
    expect(fake.asked.map((a) => `${a.type} ${a.name}`).sort()).toEqual([
      'A 1.2.0.192.psbl.surriel.com',
      'A 2.2.0.192.psbl.surriel.com',
      'TXT 1.2.0.192.psbl.surriel.com',
    ]);
    expect(results.find((r) => r.address === '192.0.2.1')).toMatchObject({
      outcome: 'listed',
      codes: ['127.0.0.2'],
      txt: 'Spam trap hit',
    });
  });

  test('network errors are retried with backoff; SERVFAIL is not', async () => {
    const fake = fakeClient((p, attempt) =>
      p.name.startsWith('1.') && attempt === 0
        ? { kind: 'network-error', detail: 'reset', elapsedMs: 1 }
        : p.name.startsWith('2.')
          ? answer([], 'SERVFAIL')
          : answer([], 'NXDOMAIN'),
    );
    const results: BlocklistResult[] = [];
    await runQueries(
      tasksFor(['192.0.2.1', '192.0.2.2'], [plan(psbl)]),
      new Map([[psbl.id, psbl]]),
      options(fake.client),
      (r) => results.push(r),
    );
    const count = (prefix: string) => fake.asked.filter((a) => a.name.startsWith(prefix)).length;
    expect(count('1.')).toBe(2);
    expect(count('2.')).toBe(1);
    expect(results.map((r) => r.outcome).sort()).toEqual(['not-listed', 'resolver-error']);
  });

  test("a list's stated rate limit spaces its queries", async () => {
    const fake = fakeClient(() => answer([], 'NXDOMAIN'), 0);
    const interval = listIntervalMs(limited);
    expect(interval).toBeGreaterThan(0);
    await onFakeClock(() =>
      runQueries(
        tasksFor(['192.0.2.1', '192.0.2.2', '192.0.2.3'], [plan(limited)]),
        new Map([[limited.id, limited]]),
        options(fake.client, 8),
        () => undefined,
      ),
    );
    const times = fake.asked.map((a) => a.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(interval);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(interval);
  });

  test('the rate limit counts every query to the list: TXT follow-ups and retries too', async () => {
    const fake = fakeClient(
      (p, attempt) =>
        p.type === 'TXT'
          ? answer([], 'NOERROR', ['Listed'])
          : p.name.startsWith('2.') && attempt === 0
            ? { kind: 'network-error', detail: 'reset', elapsedMs: 1 }
            : answer(['127.0.0.2']),
      0,
    );
    const interval = listIntervalMs(limited);
    await onFakeClock(() =>
      runQueries(
        tasksFor(['192.0.2.1', '192.0.2.2'], [plan(limited)]),
        new Map([[limited.id, limited]]),
        options(fake.client, 8),
        () => undefined,
      ),
    );
    // Two A queries, one retry and two TXT queries: five queries, each in its own slot.
    const times = fake.asked.map((a) => a.at).sort((a, b) => a - b);
    expect(times).toHaveLength(5);
    for (let i = 1; i < times.length; i += 1) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(interval);
    }
  });

  test('health checks keep to the in-flight limit and to the rate limit', async () => {
    const fake = fakeClient((p) =>
      p.name.startsWith('2.0.0.127') ? answer(['127.0.0.2']) : answer([], 'NXDOMAIN'),
    );
    const health = await onFakeClock(() =>
      runHealthChecks(
        planHealthChecks(
          [plan(psbl), plan(limited)],
          [toTarget('192.0.2.1'), toTarget('2001:db8::1')],
        ),
        new Map([
          [psbl.id, psbl],
          [limited.id, limited],
        ]),
        options(fake.client, 1),
      ),
    );
    expect(fake.maxInFlight()).toBe(1);
    expect(health.get(psbl.id)?.ipv4).toEqual({ usable: true });
    const limitedTimes = fake.asked
      .filter((a) => a.name.endsWith(limited.zone))
      .map((a) => a.at)
      .sort((a, b) => a - b);
    for (let i = 1; i < limitedTimes.length; i += 1) {
      expect(limitedTimes[i]! - limitedTimes[i - 1]!).toBeGreaterThanOrEqual(
        listIntervalMs(limited),
      );
    }
  });

  test('cancelling stops the run: it rejects and reports nothing more', async () => {
    const controller = new AbortController();
    const fake = fakeClient(() => answer([], 'NXDOMAIN'), 20);
    const results: BlocklistResult[] = [];
    const addresses = Array.from({ length: 50 }, (_, i) => `192.0.2.${i}`);
    const run = runQueries(
      tasksFor(addresses, [plan(psbl)]),
      new Map([[psbl.id, psbl]]),
      options(fake.client, 2, controller.signal),
      (r) => results.push(r),
    );
    setTimeout(() => controller.abort(new DOMException('x', 'AbortError')), 30);
    await expect(run).rejects.toThrow();
    const seen = results.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(results.length).toBe(seen);
    expect(seen).toBeLessThan(50);
  });
});
