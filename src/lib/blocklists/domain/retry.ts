import type { RawOutcome } from './classify';

/**
 * When a failed query is worth asking again. Only transient failures are retried: a dropped
 * connection, a server error (5xx) or a request to slow down (429). A DNS answer, even SERVFAIL,
 * is the resolver's considered reply; a timeout already waited the full limit, and retrying it
 * would multiply a slow run; a 4xx other than 429 will not change.
 */
export const MAX_RETRIES = 2;

/**
 * `attempt` is the 0-based number of the attempt that produced `outcome`: 0 for the first try,
 * so a query is tried at most 1 + MAX_RETRIES times.
 */
export function shouldRetry(outcome: RawOutcome, attempt: number): boolean {
  if (attempt >= MAX_RETRIES) return false;
  switch (outcome.kind) {
    case 'network-error':
      return true;
    case 'http-error':
      return outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599);
    case 'answer':
    case 'bad-body':
    case 'timeout':
      return false;
  }
}

export const BACKOFF_BASE_MS = 250;

/**
 * Delay before retry number `attempt + 1`: 250 ms · 2^attempt, stretched by up to half again at
 * random, so many queries that failed together do not all come back at the same moment. `random`
 * is injected (Math.random in the app, a constant in tests) to keep this function pure.
 * Never shorter than the nominal backoff.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const base = BACKOFF_BASE_MS * 2 ** Math.max(0, attempt);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(base * (1 + jitter / 2));
}
