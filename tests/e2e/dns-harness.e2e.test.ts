/**
 * Proves the e2e harness: a real DoH server (nsd + dnsdist) on loopback, fetched from a real
 * headless Chromium page that is served by the static server from another loopback port, so every
 * request is a genuine cross-origin CORS fetch exactly as the app will make it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { Browser } from 'playwright-core';
import { startDohServer, type DohServer } from './support/dns-server';
import { startStaticServer, type StaticServer } from './support/static-server';
import { launchBrowser, newPage, type TestPage } from './support/browser';
import { encodeDohQuery, measureFetchFloor } from './support/fetch-floor';
import {
  BENCHMARK_ADDRESSES,
  BENCHMARK_ZONES,
  GOOD_TXT_192_31_196_10,
  OPEN_RESOLVER_REFUSAL,
  SERVED_ZONES,
  TEST_POINT_TXT,
  ZONE,
  benchmarkListed,
  expectedListing,
  ipv6Nibbles,
  queryName,
} from './support/zones';

type QueryType = 'A' | 'TXT' | 'AAAA';

interface BrowserQuery {
  name: string;
  type?: QueryType;
  /** Default: the server's normal endpoint. */
  url?: string;
  /** Abort after this many ms (AbortSignal.timeout). Default 5,000. */
  timeoutMs?: number;
}

type PageOutcome =
  | {
      kind: 'response';
      status: number;
      contentType: string | null;
      cacheControl: string | null;
      bytes: number[];
      ms: number;
    }
  | { kind: 'error'; name: string; message: string; ms: number };

interface Decoded {
  rcode: string;
  a: string[];
  txt: string[];
}

let doh: DohServer;
let web: StaticServer;
let pageDir: string;
let browser: Browser;
let tab: TestPage;

const INDEX_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<link rel="icon" href="data:,"><title>e2e harness</title></head><body></body></html>\n';

beforeAll(async () => {
  doh = await startDohServer();
  pageDir = await mkdtemp(join(tmpdir(), 'e2e-page-'));
  await writeFile(join(pageDir, 'index.html'), INDEX_HTML);
  web = await startStaticServer(pageDir);
  browser = await launchBrowser();
  tab = await newPage(browser);
  await tab.page.goto(web.url);
}, 30_000);

afterAll(async () => {
  // The dropped query (an HTTP 403 without a CORS header) is refused by the page on purpose.
  await tab?.close({ allow: /^Failed to load resource: net::ERR_FAILED|blocked by CORS policy/ });
  await browser?.close();
  await web?.stop();
  await doh?.stop();
  if (pageDir) await rm(pageDir, { recursive: true, force: true });
}, 30_000);

/** Runs the queries concurrently with fetch() inside the page; bytes come back as number[]. */
async function fromBrowser(queries: BrowserQuery[], on: TestPage = tab): Promise<PageOutcome[]> {
  const jobs = queries.map((q) => ({
    href: `${q.url ?? doh.url}?dns=${encodeDohQuery(q.name, q.type ?? 'A')}`,
    timeoutMs: q.timeoutMs ?? 5000,
  }));
  return on.page.evaluate(
    (jobs) =>
      Promise.all(
        jobs.map(async ({ href, timeoutMs }): Promise<PageOutcome> => {
          const started = performance.now();
          try {
            const response = await fetch(href, {
              headers: { accept: 'application/dns-message' },
              signal: AbortSignal.timeout(timeoutMs),
            });
            const bytes = Array.from(new Uint8Array(await response.arrayBuffer()));
            return {
              kind: 'response',
              status: response.status,
              contentType: response.headers.get('content-type'),
              cacheControl: response.headers.get('cache-control'),
              bytes,
              ms: performance.now() - started,
            };
          } catch (error) {
            const e = error as Error;
            return {
              kind: 'error',
              name: e.name,
              message: e.message,
              ms: performance.now() - started,
            };
          }
        }),
      ),
    jobs,
  );
}

function decode(outcome: PageOutcome | undefined): Decoded {
  if (outcome?.kind !== 'response') {
    throw new Error(`expected a DoH response, got ${JSON.stringify(outcome)}`);
  }
  expect(outcome.status).toBe(200);
  const packet = dnsPacket.decode(Uint8Array.from(outcome.bytes));
  const answers = packet.answers ?? [];
  const text = (data: unknown): string => {
    const parts = Array.isArray(data) ? data : [data];
    return parts
      .map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p as Uint8Array)))
      .join('');
  };
  return {
    rcode: String(packet.rcode),
    a: answers.flatMap((r) => (r.type === 'A' ? [r.data] : [])).sort(),
    txt: answers.flatMap((r) => (r.type === 'TXT' ? [text(r.data)] : [])),
  };
}

async function ask(name: string, type: QueryType = 'A'): Promise<Decoded> {
  const [outcome] = await fromBrowser([{ name, type }]);
  return decode(outcome);
}

describe('the loopback DoH server, fetched from headless Chromium', () => {
  test('the 127.0.0.2 test point on a healthy list answers A 127.0.0.2 and a TXT reason', async () => {
    const name = queryName('127.0.0.2', ZONE.good);
    expect(name).toBe('2.0.0.127.good.bl.test');
    expect(await ask(name, 'A')).toEqual({ rcode: 'NOERROR', a: ['127.0.0.2'], txt: [] });
    expect(await ask(name, 'TXT')).toEqual({ rcode: 'NOERROR', a: [], txt: [TEST_POINT_TXT] });
  });

  test('a listed address answers its A record and the TXT reason with a lookup URL', async () => {
    const name = queryName('192.31.196.10', ZONE.good);
    expect((await ask(name, 'A')).a).toEqual(['127.0.0.2']);
    expect((await ask(name, 'TXT')).txt).toEqual([GOOD_TXT_192_31_196_10]);
  });

  test('an address that is not listed, and the 127.0.0.1 test point, come back as NXDOMAIN', async () => {
    for (const ip of ['192.31.196.20', '127.0.0.1']) {
      expect(await ask(queryName(ip, ZONE.good))).toEqual({ rcode: 'NXDOMAIN', a: [], txt: [] });
    }
  });

  test('a listing with two A records returns both, and no TXT', async () => {
    const name = queryName('192.31.196.11', ZONE.good);
    expect(await ask(name, 'A')).toEqual({
      rcode: 'NOERROR',
      a: ['127.0.0.2', '127.0.0.3'],
      txt: [],
    });
    expect(await ask(name, 'TXT')).toEqual({ rcode: 'NOERROR', a: [], txt: [] });
  });

  test('a bitmask list answers 127.1.0.5 for RBL+RSS and 127.1.0.8 for OPS', async () => {
    expect((await ask(queryName('192.31.196.10', ZONE.bits))).a).toEqual(['127.1.0.5']);
    expect((await ask(queryName('192.31.196.12', ZONE.bits))).a).toEqual(['127.1.0.8']);
    expect((await ask(queryName('127.0.0.2', ZONE.bits))).a).toEqual(['127.1.0.2']);
  });

  test('an IPv6 address is asked by its 32 reversed nibbles on an IPv6-capable list', async () => {
    const name = queryName('2001:4:112:0:1::26', ZONE.v6);
    expect(name).toBe(`${[...'20010004011200000001000000000026'].reverse().join('.')}.v6.bl.test`);
    expect(await ask(name)).toEqual({ rcode: 'NOERROR', a: ['127.0.0.4'], txt: [] });
    expect(ipv6Nibbles('::FFFF:7F00:2')).toBe('00000000000000000000ffff7f000002');
    expect((await ask(queryName('::ffff:7f00:2', ZONE.v6))).a).toEqual(['127.0.0.2']);
    expect((await ask(queryName('::ffff:7f00:1', ZONE.v6))).rcode).toBe('NXDOMAIN');
  });

  test('a Spamhaus-style list answers 127.255.255.254 for every name, test points included', async () => {
    for (const ip of ['127.0.0.2', '127.0.0.1', '192.31.196.20', '2001:4:112::25']) {
      expect((await ask(queryName(ip, ZONE.refuse))).a).toEqual([OPEN_RESOLVER_REFUSAL]);
    }
  });

  test('a wildcarded dead list "lists" the 127.0.0.1 test point', async () => {
    expect((await ask(queryName('127.0.0.1', ZONE.wild))).a).toEqual(['127.0.0.2']);
  });

  test('a broken list answers 10.0.0.1, outside 127.0.0.0/8, while its test points are right', async () => {
    expect((await ask(queryName('192.31.196.10', ZONE.outside))).a).toEqual(['10.0.0.1']);
    expect((await ask(queryName('127.0.0.2', ZONE.outside))).a).toEqual(['127.0.0.2']);
    expect((await ask(queryName('127.0.0.1', ZONE.outside))).rcode).toBe('NXDOMAIN');
  });

  test('every served zone answers exactly what zones.ts says', async () => {
    const cases = SERVED_ZONES.flatMap((zone) =>
      [...zone.listings.keys(), ...zone.notListed].flatMap((ip) =>
        (['A', 'TXT'] as const).map((type) => ({ zone: zone.name, ip, type })),
      ),
    );
    const outcomes = await fromBrowser(
      cases.map((c) => ({ name: queryName(c.ip, c.zone), type: c.type })),
    );
    const seen = cases.map((c, i) => ({ ...c, got: decode(outcomes[i]) }));
    const wanted = cases.map((c) => {
      const listing = expectedListing(c.zone, c.ip);
      const got: Decoded = listing
        ? {
            rcode: 'NOERROR',
            a: c.type === 'A' ? [...listing.a].sort() : [],
            txt: c.type === 'TXT' ? [...(listing.txt ?? [])] : [],
          }
        : { rcode: 'NXDOMAIN', a: [], txt: [] };
      return { ...c, got };
    });
    expect(cases.length).toBeGreaterThan(300);
    expect(seen).toEqual(wanted);
  });

  test('the servfail list answers rcode SERVFAIL inside an HTTP 200 DNS message', async () => {
    expect(await ask(queryName('127.0.0.2', ZONE.servfail))).toEqual({
      rcode: 'SERVFAIL',
      a: [],
      txt: [],
    });
  });

  test('the rcode-refused list answers REFUSED, and so does nsd for names in no test zone', async () => {
    expect((await ask(queryName('127.0.0.2', ZONE.refused))).rcode).toBe('REFUSED');
    expect((await ask('2.0.0.127.no-such-list.test')).rcode).toBe('REFUSED');
  });

  test('the slow list and the slow endpoint give no answer within 3 s, so the client aborts', async () => {
    const [slowZone, slowEndpoint] = await fromBrowser([
      { name: queryName('127.0.0.2', ZONE.slow), timeoutMs: 3000 },
      { name: queryName('127.0.0.2', ZONE.good), url: doh.slowUrl, timeoutMs: 3000 },
    ]);
    for (const outcome of [slowZone, slowEndpoint]) {
      expect(outcome).toMatchObject({ kind: 'error', name: 'TimeoutError' });
      expect(outcome?.ms).toBeGreaterThanOrEqual(2900);
    }
  });

  test('a dropped query is an HTTP 403 without CORS header, which a page sees as a network error', async () => {
    const name = queryName('127.0.0.2', ZONE.drop);
    const [outcome] = await fromBrowser([{ name }]);
    expect(outcome).toMatchObject({ kind: 'error', name: 'TypeError' });
    expect(outcome?.ms).toBeLessThan(2000);
    const direct = await fetch(`${doh.url}?dns=${encodeDohQuery(name)}`);
    expect(direct.status).toBe(403);
    expect(direct.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('answers are application/dns-message with the CORS header and no cache-control', async () => {
    const [outcome] = await fromBrowser([{ name: queryName('127.0.0.2', ZONE.good) }]);
    expect(outcome).toMatchObject({
      kind: 'response',
      status: 200,
      contentType: 'application/dns-message',
      cacheControl: null,
    });
    const direct = await fetch(`${doh.url}?dns=${encodeDohQuery('2.0.0.127.good.bl.test')}`);
    expect(direct.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('a successful cross-origin query logs no console or page errors', async () => {
    const fresh = await newPage(browser);
    try {
      await fresh.page.goto(web.url);
      const [outcome] = await fromBrowser([{ name: queryName('192.31.196.20', ZONE.good) }], fresh);
      expect(decode(outcome).rcode).toBe('NXDOMAIN');
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  test('the bare fetch() floor loop answers every benchmark query', async () => {
    // E2E_FETCH_FLOOR=full runs all 1,024 addresses × 8 lists (8,192 queries).
    const addresses =
      process.env.E2E_FETCH_FLOOR === 'full'
        ? BENCHMARK_ADDRESSES
        : BENCHMARK_ADDRESSES.slice(0, 128);
    const names = BENCHMARK_ZONES.flatMap((zone) => addresses.map((ip) => queryName(ip, zone)));
    const listed = BENCHMARK_ZONES.reduce(
      (sum, _zone, i) => sum + addresses.filter((ip) => benchmarkListed(i + 1, ip)).length,
      0,
    );
    const result = await measureFetchFloor(tab.page, { dohUrl: doh.url, names, concurrency: 16 });
    console.info(
      `fetch floor: ${result.queries} queries in ${result.seconds.toFixed(2)} s = ` +
        `${Math.round(result.qps)} queries/s (16 in flight)`,
    );
    expect(result).toMatchObject({
      queries: names.length,
      failures: 0,
      rcodes: { NOERROR: listed, NXDOMAIN: names.length - listed },
    });
    expect(result.qps).toBeGreaterThan(0);
  }, 120_000);
});

describe('the harness itself', () => {
  test('stop() ends nsd and dnsdist and removes the temp dir', async () => {
    const server = await startDohServer();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(server.pids.nsd) && alive(server.pids.dnsdist)).toBe(true);
    expect(existsSync(join(server.dir, 'nsd.conf'))).toBe(true);
    await server.stop();
    expect(alive(server.pids.nsd)).toBe(false);
    expect(alive(server.pids.dnsdist)).toBe(false);
    expect(existsSync(server.dir)).toBe(false);
    await expect(fetch(server.url)).rejects.toThrow();
  }, 30_000);

  test('the static server serves the app under a sub-path and nothing outside it', async () => {
    const top = await mkdtemp(join(tmpdir(), 'e2e-static-'));
    const root = join(top, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), INDEX_HTML);
    await writeFile(join(root, 'assets', 'app.js'), 'export {};\n');
    await writeFile(join(root, 'assets', 'font.woff2'), 'x');
    await writeFile(join(top, 'secret.txt'), 'secret\n');
    await symlink(join(top, 'secret.txt'), join(root, 'link.txt'));
    const server = await startStaticServer(root, { basePath: '/tools/mail/' });
    /** A raw request, so the path reaches the server exactly as written (fetch would normalise ..). */
    const get = (path: string, method = 'GET') =>
      new Promise<{ status: number; type: string | undefined; location: string | undefined }>(
        (resolve, reject) => {
          const req = request(`${server.origin}${path}`, { method, path }, (res) => {
            res.resume();
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                type: res.headers['content-type'],
                location: res.headers.location,
              }),
            );
          });
          req.on('error', reject);
          req.end();
        },
      );
    try {
      expect(server.url).toBe(`${server.origin}/tools/mail/`);
      expect(await get('/tools/mail/')).toMatchObject({
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(await get('/tools/mail')).toMatchObject({ status: 301, location: '/tools/mail/' });
      expect(await get('/tools/mail/assets/app.js')).toMatchObject({
        status: 200,
        type: 'text/javascript; charset=utf-8',
      });
      expect(await get('/tools/mail/assets/font.woff2')).toMatchObject({ type: 'font/woff2' });
      for (const path of [
        '/',
        '/index.html',
        '/tools/mail/missing.js',
        '/tools/mail/../secret.txt',
        '/tools/mail/%2e%2e/secret.txt',
        '/tools/mail/assets%2f..%2f..%2fsecret.txt',
        '/tools/mail/link.txt',
      ]) {
        expect({ path, ...(await get(path)) }).toMatchObject({ path, status: 404 });
      }
      expect((await get('/tools/mail/', 'POST')).status).toBe(405);
    } finally {
      await server.stop();
      await rm(top, { recursive: true, force: true });
    }
  });
});
