import * as dnsPacket from '@leichtgewicht/dns-packet';
import { describeError } from '../../shared/errors';
import type { RawOutcome } from '../domain/classify';

/**
 * DNS-over-HTTPS (RFC 8484) with the wire format, in the browser. One query in, one RawOutcome
 * out: network conditions are data here, not exceptions, so the check can report each one.
 * The only exception is the caller's own cancel, which rejects with an AbortError as fetch does.
 *
 * Requests are GET with only an `accept: application/dns-message` header. That keeps them CORS
 * "simple" requests (a POST with content-type application/dns-message needs a preflight), and
 * a GET with message id 0 is identical for identical questions, so HTTP caches can serve it
 * (RFC 8484 section 4.1).
 */

export type DohRecordType = 'A' | 'TXT';

export interface DohQueryParams {
  /** The resolver's endpoint, e.g. https://cloudflare-dns.com/dns-query. */
  resolverUrl: string;
  name: string;
  type: DohRecordType;
  timeoutMs: number;
  /** The caller's cancel: aborting it rejects the query with an AbortError. */
  signal?: AbortSignal;
}

export interface DohClient {
  query(params: DohQueryParams): Promise<RawOutcome>;
}

export interface DohClientOptions {
  /** Replaced in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Clock for elapsedMs; defaults to performance.now. */
  now?: () => number;
}

const MEDIA_TYPE = 'application/dns-message';

/** RFC 4648 base64url without padding, as RFC 8484 section 4.1 requires for the dns parameter. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The RFC 8484 GET URL for a question: id 0, recursion desired. */
export function dohRequestUrl(resolverUrl: string, name: string, type: DohRecordType): string {
  const message = dnsPacket.encode({
    type: 'query',
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
  });
  const url = new URL(resolverUrl);
  url.searchParams.set('dns', base64url(message));
  return url.toString();
}

function abortError(): DOMException {
  return new DOMException('The check was cancelled', 'AbortError');
}

/** Rejects as soon as `signal` aborts, even if the underlying promise ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const sameName = (a: string, b: string) =>
  a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');

const textDecoder = new TextDecoder('utf-8');

function txtToString(data: unknown): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts
    .map((part) => (typeof part === 'string' ? part : textDecoder.decode(part as Uint8Array)))
    .join('');
}

/** Interprets a decoded response into the facts the classifier needs. */
function toOutcome(packet: dnsPacket.Packet, name: string, elapsedMs: number): RawOutcome {
  if (packet.type !== 'response') {
    return { kind: 'bad-body', detail: 'the reply is a DNS query, not a response', elapsedMs };
  }
  const question = packet.questions?.[0];
  if (question && !sameName(question.name, name)) {
    return {
      kind: 'bad-body',
      // The name is left out: for keyed lists it contains the user's key, and details are stored.
      detail: 'the reply answers a different question than the one asked',
      elapsedMs,
    };
  }
  const answers = packet.answers ?? [];
  const a: string[] = [];
  const txt: string[] = [];
  for (const answer of answers) {
    if (answer.type === 'A') a.push(answer.data);
    else if (answer.type === 'TXT') txt.push(txtToString(answer.data));
  }
  // Negative answers are cached for the SOA's TTL capped by its minimum field (RFC 2308).
  const ttls =
    answers.length > 0
      ? answers.map((answer) => answer.ttl)
      : (packet.authorities ?? [])
          .filter((record) => record.type === 'SOA')
          .flatMap((soa) => [soa.ttl, soa.type === 'SOA' ? soa.data.minimum : undefined]);
  const known = ttls.filter((ttl): ttl is number => typeof ttl === 'number');
  return {
    kind: 'answer',
    rcode: String(packet.rcode ?? 'NOERROR'),
    a,
    txt,
    ...(known.length > 0 ? { ttl: Math.min(...known) } : {}),
    elapsedMs,
    ad: packet.flag_ad === true,
  };
}

export function createDohClient(options: DohClientOptions = {}): DohClient {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? (() => performance.now());

  async function query(params: DohQueryParams): Promise<RawOutcome> {
    const { signal } = params;
    if (signal?.aborted) throw abortError();
    const url = dohRequestUrl(params.resolverUrl, params.name, params.type);
    const timeout = AbortSignal.timeout(params.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const started = now();
    const elapsed = () => Math.max(0, now() - started);

    try {
      const response = await untilAborted(
        fetchImpl(url, {
          method: 'GET',
          headers: { accept: MEDIA_TYPE },
          signal: combined,
          // No cookies, and the resolver is not told which page asked.
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        }),
        combined,
      );
      if (!response.ok) {
        // The body of an error page is of no use: release the connection instead of reading it.
        response.body?.cancel().catch(() => undefined);
        return { kind: 'http-error', status: response.status, elapsedMs: elapsed() };
      }
      const contentType = (response.headers.get('content-type') ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (contentType !== MEDIA_TYPE) {
        return {
          kind: 'bad-body',
          detail: `expected ${MEDIA_TYPE}, got ${contentType || 'no content type'}`,
          elapsedMs: elapsed(),
        };
      }
      const body = new Uint8Array(await untilAborted(response.arrayBuffer(), combined));
      let packet: dnsPacket.Packet;
      try {
        packet = dnsPacket.decode(body);
      } catch (error) {
        return {
          kind: 'bad-body',
          detail: `the DNS message could not be decoded (${describeError(error)})`,
          elapsedMs: elapsed(),
        };
      }
      return toOutcome(packet, params.name, elapsed());
    } catch (error) {
      // The caller's cancel wins over a timeout that fired at the same moment.
      if (signal?.aborted) throw abortError();
      if (timeout.aborted) return { kind: 'timeout', elapsedMs: elapsed() };
      return { kind: 'network-error', detail: describeError(error), elapsedMs: elapsed() };
    }
  }

  return { query };
}
