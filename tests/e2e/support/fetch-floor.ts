/**
 * The "floor" the app's lookup engine is compared with: a bare fetch() loop in the page, N in
 * flight, no parsing beyond reading the rcode nibble. The DNS queries are encoded in Node
 * (RFC 8484: id 0, RD set, base64url without padding) and handed to the page as strings, so the
 * timed page-side loop does nothing but fetch and read the body.
 */
import type { Page } from 'playwright-core';
import * as dnsPacket from '@leichtgewicht/dns-packet';

export interface FetchFloorOptions {
  /** RFC 8484 endpoint, e.g. DohServer.url */
  dohUrl: string;
  /** Query names, one query each (e.g. 1,024 addresses × 8 lists = 8,192 names). */
  names: readonly string[];
  /** Fetches in flight at once. */
  concurrency: number;
  /** Record type to ask for. Default 'A'. */
  type?: 'A' | 'TXT' | 'AAAA';
}

export interface FetchFloorResult {
  queries: number;
  /** Wall-clock seconds of the page-side loop (performance.now()). */
  seconds: number;
  qps: number;
  /** Count of answers per DNS rcode name (NOERROR, NXDOMAIN, ...). */
  rcodes: Record<string, number>;
  /** Fetches that threw, were not HTTP 200, or returned fewer than 12 bytes. */
  failures: number;
}

/** base64url of the RFC 8484 wire-format query for one name. */
export function encodeDohQuery(name: string, type: 'A' | 'TXT' | 'AAAA' = 'A'): string {
  const bytes = dnsPacket.encode({
    type: 'query',
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name }],
  });
  return Buffer.from(bytes).toString('base64url');
}

const RCODE_NAMES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
];

export async function measureFetchFloor(
  page: Page,
  options: FetchFloorOptions,
): Promise<FetchFloorResult> {
  if (!(options.concurrency >= 1)) throw new Error('concurrency must be at least 1');
  const queries = options.names.map((name) => encodeDohQuery(name, options.type ?? 'A'));
  const raw = await page.evaluate(
    async ({ url, queries, concurrency }) => {
      const rcodes: number[] = Array<number>(16).fill(0);
      let failures = 0;
      let next = 0;
      const worker = async () => {
        for (;;) {
          const i = next++;
          if (i >= queries.length) return;
          try {
            const response = await fetch(`${url}?dns=${queries[i]}`, {
              headers: { accept: 'application/dns-message' },
            });
            const body = new Uint8Array(await response.arrayBuffer());
            const flags = body[3];
            if (response.status !== 200 || body.length < 12 || flags === undefined) failures++;
            else rcodes[flags & 15] = (rcodes[flags & 15] ?? 0) + 1;
          } catch {
            failures++;
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { ms: performance.now() - started, rcodes, failures };
    },
    { url: options.dohUrl, queries, concurrency: options.concurrency },
  );
  const seconds = raw.ms / 1000;
  const rcodes: Record<string, number> = {};
  raw.rcodes.forEach((count, code) => {
    if (count > 0) rcodes[RCODE_NAMES[code] ?? `RCODE${code}`] = count;
  });
  return {
    queries: queries.length,
    seconds,
    qps: seconds > 0 ? queries.length / seconds : 0,
    rcodes,
    failures: raw.failures,
  };
}
