import { describe, test, expect } from 'vitest';
import type { RawOutcome } from '../../src/lib/blocklists/domain/classify';
import { backoffMs, MAX_RETRIES, shouldRetry } from '../../src/lib/blocklists/domain/retry';

const network: RawOutcome = { kind: 'network-error', detail: 'Failed to fetch', elapsedMs: 5 };
const http = (status: number): RawOutcome => ({ kind: 'http-error', status, elapsedMs: 5 });

describe('shouldRetry', () => {
  test('network errors, 5xx and 429 are retried', () => {
    expect(shouldRetry(network, 0)).toBe(true);
    expect(shouldRetry(http(500), 0)).toBe(true);
    expect(shouldRetry(http(503), 1)).toBe(true);
    expect(shouldRetry(http(429), 0)).toBe(true);
  });

  test('at most two retries', () => {
    expect(MAX_RETRIES).toBe(2);
    expect(shouldRetry(network, 1)).toBe(true);
    expect(shouldRetry(network, 2)).toBe(false);
    expect(shouldRetry(http(503), 5)).toBe(false);
  });

  test('DNS answers, bad bodies, timeouts and other HTTP errors are not retried', () => {
    const answers: RawOutcome[] = [
      { kind: 'answer', rcode: 'SERVFAIL', a: [], txt: [], elapsedMs: 1 },
      { kind: 'answer', rcode: 'NXDOMAIN', a: [], txt: [], elapsedMs: 1 },
      { kind: 'bad-body', detail: 'text/html', elapsedMs: 1 },
      { kind: 'timeout', elapsedMs: 1000 },
      http(400),
      http(403),
      http(404),
    ];
    for (const outcome of answers)
      expect(shouldRetry(outcome, 0), JSON.stringify(outcome)).toBe(false);
  });
});

describe('backoffMs', () => {
  test('doubles from 250 ms with no jitter', () => {
    expect([0, 1, 2].map((attempt) => backoffMs(attempt, () => 0))).toEqual([250, 500, 1000]);
  });

  test('jitter stretches the delay by at most half, never shortens it', () => {
    expect(backoffMs(0, () => 0.999999)).toBe(375);
    expect(backoffMs(1, () => 0.5)).toBe(625);
    expect(backoffMs(0, () => -3)).toBe(250);
    expect(backoffMs(0, () => 7)).toBe(375);
  });
});
