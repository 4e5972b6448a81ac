import { describe, test, expect } from 'vitest';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { base64url, createDohClient, dohRequestUrl } from '../../src/lib/blocklists/io/doh';

const RESOLVER = 'https://doh.example/dns-query';
const NAME = '2.0.0.127.bl.example';

type Answer = NonNullable<dnsPacket.Packet['answers']>[number];

function response(options: {
  rcode?: number;
  answers?: Answer[];
  authorities?: Answer[];
  ad?: boolean;
  name?: string;
}): Uint8Array {
  return dnsPacket.encode({
    type: 'response',
    id: 0,
    flags:
      dnsPacket.RECURSION_DESIRED |
      dnsPacket.RECURSION_AVAILABLE |
      (options.ad ? dnsPacket.AUTHENTIC_DATA : 0) |
      (options.rcode ?? 0),
    questions: [{ type: 'A', name: options.name ?? NAME, class: 'IN' }],
    answers: options.answers ?? [],
    authorities: options.authorities ?? [],
  });
}

function dnsResponse(body: Uint8Array, status = 200): Response {
  return new Response(new Uint8Array(body), {
    status,
    headers: { 'content-type': 'application/dns-message' },
  });
}

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(reply: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init };
    calls.push(call);
    return reply(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A fetch that never answers unless its signal aborts, like a hung connection. */
function hangingFetch() {
  return (async (_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })) as typeof globalThis.fetch;
}

const query = (
  client: ReturnType<typeof createDohClient>,
  extra: { signal?: AbortSignal; timeoutMs?: number } = {},
) => client.query({ resolverUrl: RESOLVER, name: NAME, type: 'A', timeoutMs: 2000, ...extra });

describe('the DoH request', () => {
  test('is an RFC 8484 GET with unpadded base64url, id 0, RD set and only an accept header', async () => {
    const { fetch, calls } = fakeFetch(() => dnsResponse(response({ rcode: 3 })));
    await query(createDohClient({ fetch }));
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    const url = new URL(call.url);
    expect(url.origin + url.pathname).toBe(RESOLVER);
    const dns = url.searchParams.get('dns')!;
    expect(dns).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(call.url.endsWith('=')).toBe(false);
    const bytes = Uint8Array.from(
      atob(dns.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (dns.length % 4)) % 4)),
      (c) => c.charCodeAt(0),
    );
    const packet = dnsPacket.decode(bytes);
    expect(packet.id).toBe(0);
    expect(packet.flag_rd).toBe(true);
    expect(packet.questions).toEqual([{ name: NAME, type: 'A', class: 'IN' }]);
    expect(call.init?.method).toBe('GET');
    expect(call.init?.headers).toEqual({ accept: 'application/dns-message' });
  });

  test('base64url uses the URL alphabet and drops padding', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([0]))).toBe('AA');
  });

  test('keeps query parameters already in the resolver URL', () => {
    const url = new URL(dohRequestUrl('https://doh.example/q?x=1', NAME, 'TXT'));
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.searchParams.get('dns')).toBeTruthy();
  });
});

describe('the DoH response', () => {
  test('NXDOMAIN comes back as an answer with that rcode and the SOA minimum as TTL', async () => {
    const soa: Answer = {
      type: 'SOA',
      name: 'bl.example',
      ttl: 3600,
      data: { mname: 'ns.bl.example', rname: 'hostmaster.bl.example', minimum: 300 },
    };
    const { fetch } = fakeFetch(() => dnsResponse(response({ rcode: 3, authorities: [soa] })));
    const outcome = await query(createDohClient({ fetch }));
    expect(outcome).toMatchObject({
      kind: 'answer',
      rcode: 'NXDOMAIN',
      a: [],
      txt: [],
      ttl: 300,
      ad: false,
    });
  });

  test('A records come back with the smallest TTL and the AD flag', async () => {
    const answers: Answer[] = [
      { type: 'A', name: NAME, ttl: 900, data: '127.0.0.2' },
      { type: 'A', name: NAME, ttl: 60, data: '127.0.0.4' },
    ];
    let clock = 100;
    const { fetch } = fakeFetch(() => {
      clock += 42;
      return dnsResponse(response({ answers, ad: true }));
    });
    const outcome = await query(createDohClient({ fetch, now: () => clock }));
    expect(outcome).toEqual({
      kind: 'answer',
      rcode: 'NOERROR',
      a: ['127.0.0.2', '127.0.0.4'],
      txt: [],
      ttl: 60,
      elapsedMs: 42,
      ad: true,
    });
  });

  test('TXT strings are decoded to text, joined per record', async () => {
    const answers: Answer[] = [
      { type: 'TXT', name: NAME, ttl: 300, data: ['Listed: see ', 'https://bl.example/lookup'] },
      { type: 'TXT', name: NAME, ttl: 300, data: 'second record' },
    ];
    const { fetch } = fakeFetch(() => dnsResponse(response({ answers })));
    const outcome = await createDohClient({ fetch }).query({
      resolverUrl: RESOLVER,
      name: NAME,
      type: 'TXT',
      timeoutMs: 2000,
    });
    expect(outcome).toMatchObject({
      kind: 'answer',
      txt: ['Listed: see https://bl.example/lookup', 'second record'],
    });
  });

  test('SERVFAIL is an answer with that rcode, not an exception', async () => {
    const { fetch } = fakeFetch(() => dnsResponse(response({ rcode: 2 })));
    expect(await query(createDohClient({ fetch }))).toMatchObject({
      kind: 'answer',
      rcode: 'SERVFAIL',
    });
  });

  test('HTTP 503 is an http-error outcome', async () => {
    const { fetch } = fakeFetch(() => new Response('busy', { status: 503 }));
    expect(await query(createDohClient({ fetch }))).toMatchObject({
      kind: 'http-error',
      status: 503,
    });
  });

  test('a text/html body is a bad-body outcome', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response('<html>captive portal</html>', {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
    );
    expect(await query(createDohClient({ fetch }))).toMatchObject({
      kind: 'bad-body',
      detail: 'expected application/dns-message, got text/html',
    });
  });

  test('an undecodable DNS message is a bad-body outcome', async () => {
    const { fetch } = fakeFetch(() => dnsResponse(new Uint8Array([1, 2, 3])));
    expect(await query(createDohClient({ fetch }))).toMatchObject({ kind: 'bad-body' });
  });

  test('a reply to a different question is a bad-body outcome', async () => {
    const { fetch } = fakeFetch(() => dnsResponse(response({ name: '3.0.0.127.bl.example' })));
    expect(await query(createDohClient({ fetch }))).toMatchObject({ kind: 'bad-body' });
  });

  test('a network failure is a network-error outcome', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await query(createDohClient({ fetch }))).toMatchObject({
      kind: 'network-error',
      detail: 'Failed to fetch',
    });
  });

  test('a resolver that hangs gives a timeout outcome', async () => {
    const outcome = await query(createDohClient({ fetch: hangingFetch() }), { timeoutMs: 30 });
    expect(outcome.kind).toBe('timeout');
  });

  test('a fetch that ignores its signal still times out', async () => {
    const ignoring = (() => new Promise<Response>(() => undefined)) as typeof globalThis.fetch;
    const outcome = await query(createDohClient({ fetch: ignoring }), { timeoutMs: 30 });
    expect(outcome.kind).toBe('timeout');
  });

  test("the caller's cancel rejects with an AbortError", async () => {
    const controller = new AbortController();
    const pending = query(createDohClient({ fetch: hangingFetch() }), {
      signal: controller.signal,
      timeoutMs: 5000,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('an already-cancelled signal rejects without fetching', async () => {
    const { fetch, calls } = fakeFetch(() => dnsResponse(response({})));
    await expect(
      query(createDohClient({ fetch }), { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(calls).toHaveLength(0);
  });
});
