import { describe, test, expect } from 'vitest';
import {
  assessHealth,
  classifyAnswer,
  decodeCode,
  shouldSkip,
  skipped,
  type RawOutcome,
} from '../../src/lib/blocklists/domain/classify';
import { DNSBL_LISTS } from '../../src/lib/content/blocklists';
import { CLASSIFICATION_LABELS } from '../../src/lib/blocklists/domain/wording';
import { customToList } from '../../src/lib/blocklists/domain/lists';
import { CustomListSchema } from '../../src/lib/model/blocklist-list';
import type { DnsblList } from '../../src/lib/model/blocklist-catalogue';

const byId = (id: string): DnsblList => {
  const list = DNSBL_LISTS.find((l) => l.id === id);
  if (!list) throw new Error(`no list ${id}`);
  return list;
};
const zen = byId('spamhaus-zen');
const psbl = byId('psbl');
const spamrats = byId('spamrats');
const maps = byId('maps-rbl-plus');
const dbl = byId('spamhaus-dbl');

const answer = (a: string[], rcode = 'NOERROR', txt: string[] = []): RawOutcome => ({
  kind: 'answer',
  rcode,
  a,
  txt,
  elapsedMs: 12,
});
const nx = answer([], 'NXDOMAIN');

describe('classifyAnswer', () => {
  test('NXDOMAIN is not listed, a verdict', () => {
    expect(classifyAnswer(nx, psbl)).toEqual({ kind: 'not-listed', verdict: true });
  });

  test('NOERROR without an A record is not listed', () => {
    expect(classifyAnswer(answer([]), psbl)).toEqual({ kind: 'not-listed', verdict: true });
  });

  test('a 127.0.0.x answer is a listing, decoded with the list’s codes', () => {
    const result = classifyAnswer(answer(['127.0.0.4', '127.0.0.10']), zen);
    expect(result).toEqual({
      kind: 'listed',
      verdict: true,
      codes: [
        { value: '127.0.0.4', meaning: 'XBL (Exploits Block List)', known: true },
        {
          value: '127.0.0.10',
          meaning: 'PBL (Policy Block List), entered by the ISP',
          known: true,
        },
      ],
    });
  });

  test('a code inside 127/8 the documentation does not define is still a listing, meaning unknown', () => {
    const result = classifyAnswer(answer(['127.0.0.9']), psbl);
    expect(result.kind).toBe('listed');
    expect(result.kind === 'listed' && result.codes[0]).toEqual({
      value: '127.0.0.9',
      meaning: "unknown code — the list's documentation does not define it",
      known: false,
    });
  });

  test('a code from a list whose codes are unknown is not given a meaning', () => {
    const result = classifyAnswer(answer(['127.0.0.2']), spamrats);
    expect(result.kind).toBe('listed');
    expect(result.kind === 'listed' && result.codes[0]?.known).toBe(false);
    expect(result.kind === 'listed' && result.codes[0]?.meaning).toBe(
      "unknown code — this list's codes are not documented here",
    );
  });

  test('bitmask answers are decoded bit by bit', () => {
    expect(decodeCode('127.1.0.3', maps)).toEqual({
      value: '127.1.0.3',
      meaning: 'RBL, DUL',
      known: true,
    });
    expect(decodeCode('127.1.0.16', maps)).toEqual({
      value: '127.1.0.16',
      meaning: 'bit 16 (meaning not published)',
      known: false,
    });
    expect(decodeCode('127.0.0.2', maps).known).toBe(false);
  });

  test('the TXT reason is kept with a listing', () => {
    const withTxt = answer(['127.0.0.2'], 'NOERROR', ['Listed by PSBL, see https://psbl.example/']);
    const result = classifyAnswer(withTxt, psbl);
    expect(result.kind === 'listed' && result.reason).toBe(
      'Listed by PSBL, see https://psbl.example/',
    );
    const separate = classifyAnswer(
      answer(['127.0.0.2']),
      psbl,
      answer([], 'NOERROR', ['from TXT query']),
    );
    expect(separate.kind === 'listed' && separate.reason).toBe('from TXT query');
  });

  test('a 127.255.255.254 answer is a refusal, not a listing', () => {
    expect(classifyAnswer(answer(['127.255.255.254']), zen)).toEqual({
      kind: 'refused',
      verdict: false,
      code: '127.255.255.254',
      meaning:
        'query came through a public or open resolver (Cloudflare, AWS, Microsoft and others get this)',
    });
  });

  test('127.255.255.x codes are refusals even on lists that do not publish them', () => {
    const custom = customToList(CustomListSchema.parse({ zone: 'bl.example.org' }));
    const cases: [string, string][] = [
      ['127.255.255.252', 'typo in the zone name'],
      ['127.255.255.254', 'query came through a public or open resolver'],
      ['127.255.255.255', 'excessive number of queries'],
      ['127.255.255.1', 'error code (meaning not published)'],
    ];
    for (const [code, meaning] of cases) {
      expect(classifyAnswer(answer([code]), custom)).toEqual({
        kind: 'refused',
        verdict: false,
        code,
        meaning,
      });
    }
  });

  test('the Spamhaus DBL 127.0.1.255 answer is a refusal', () => {
    const result = classifyAnswer(answer(['127.0.1.255']), dbl);
    expect(result).toMatchObject({ kind: 'refused', code: '127.0.1.255' });
    expect(classifyAnswer(answer(['127.0.1.2']), dbl)).toMatchObject({ kind: 'listed' });
  });

  test('an answer outside 127.0.0.0/8 means a broken list, not a listing', () => {
    const result = classifyAnswer(answer(['192.0.2.1']), psbl);
    expect(result.kind).toBe('broken-list');
    expect(result.verdict).toBe(false);
    expect(classifyAnswer(answer(['127.0.0.2', '192.0.2.1']), psbl).kind).toBe('broken-list');
  });

  test('error codes mixed with listing codes are broken, not a listing', () => {
    expect(classifyAnswer(answer(['127.0.0.2', '127.255.255.254']), zen).kind).toBe('broken-list');
  });

  test('SERVFAIL, REFUSED and other rcodes are resolver errors', () => {
    for (const rcode of ['SERVFAIL', 'REFUSED', 'FORMERR', 'NOTIMP']) {
      const result = classifyAnswer(answer([], rcode), psbl);
      expect(result.kind, rcode).toBe('resolver-error');
      expect(result.verdict).toBe(false);
    }
    const keyed = classifyAnswer(answer([], 'REFUSED'), byId('spamhaus-dqs-zen'));
    expect(keyed.kind === 'resolver-error' && keyed.detail).toContain('key');
  });

  test('NXDOMAIN with addresses is inconsistent, a resolver error', () => {
    expect(classifyAnswer(answer(['127.0.0.2'], 'NXDOMAIN'), psbl).kind).toBe('resolver-error');
  });

  test('HTTP errors, bad bodies and network errors are resolver errors', () => {
    const outcomes: RawOutcome[] = [
      { kind: 'http-error', status: 503, elapsedMs: 1 },
      { kind: 'http-error', status: 429, elapsedMs: 1 },
      { kind: 'bad-body', detail: 'expected application/dns-message, got text/html', elapsedMs: 1 },
      { kind: 'network-error', detail: 'Failed to fetch', elapsedMs: 1 },
    ];
    for (const outcome of outcomes) {
      expect(classifyAnswer(outcome, psbl)).toMatchObject({
        kind: 'resolver-error',
        verdict: false,
      });
    }
  });

  test('a timeout is its own class, not a verdict', () => {
    expect(classifyAnswer({ kind: 'timeout', elapsedMs: 3000 }, psbl)).toEqual({
      kind: 'timeout',
      verdict: false,
    });
  });

  test('only listed and not-listed are verdicts, and every class has a label', () => {
    for (const [kind, { label, description }] of Object.entries(CLASSIFICATION_LABELS)) {
      expect(label.length, kind).toBeGreaterThan(0);
      expect(description.length, kind).toBeGreaterThan(0);
    }
    expect(Object.keys(CLASSIFICATION_LABELS).sort()).toEqual([
      'broken-list',
      'listed',
      'not-listed',
      'refused',
      'resolver-error',
      'skipped',
      'timeout',
    ]);
  });
});

describe('shouldSkip', () => {
  const ipv4Only = customToList(CustomListSchema.parse({ zone: 'bl.example.org', ipv6: false }));
  const unknownV6 = customToList(CustomListSchema.parse({ zone: 'bl.example.org' }));

  test('an IPv6 address is skipped on a list without IPv6 support', () => {
    expect(shouldSkip(ipv4Only, 'ipv6')).toBe(true);
    expect(shouldSkip(ipv4Only, 'ipv4')).toBe(false);
    expect(skipped(ipv4Only, 'ipv6')).toEqual({
      kind: 'skipped',
      verdict: false,
      reason: 'bl.example.org does not list IPv6 addresses',
    });
  });

  test('lists with unknown IPv6 support are asked, and domain lists are never asked about addresses', () => {
    expect(shouldSkip(unknownV6, 'ipv6')).toBe(false);
    expect(shouldSkip(zen, 'ipv6')).toBe(false);
    expect(shouldSkip(dbl, 'ipv4')).toBe(true);
    expect(skipped(dbl, 'ipv4')).toMatchObject({
      reason: 'Spamhaus DBL lists domain names, not addresses',
    });
  });
});

describe('assessHealth', () => {
  const listed = answer(['127.0.0.2']);

  test('a list that lists 127.0.0.2 and not 127.0.0.1 is usable', () => {
    expect(assessHealth(psbl, 'ipv4', listed, nx)).toEqual({ usable: true });
    expect(
      assessHealth(zen, 'ipv4', answer(['127.0.0.2', '127.0.0.4', '127.0.0.10']), answer([])),
    ).toEqual({
      usable: true,
    });
  });

  test('a refusal of the public resolver makes the list unusable, naming the fix', () => {
    const refusal = answer(['127.255.255.254']);
    const health = assessHealth(zen, 'ipv4', refusal, refusal);
    expect(health).toEqual({
      usable: false,
      reason:
        'The list refused the resolver (127.255.255.254): it does not answer public resolvers such as Cloudflare, nor resolvers that forward to them; use a resolver of your own that asks the list directly (not through a public one), or use the DQS entry with a key',
    });
  });

  test('a refusal of your own resolver does not tell you to use a resolver of your own', () => {
    const refusal = answer(['127.255.255.254']);
    const health = assessHealth(zen, 'ipv4', refusal, refusal, 'own');
    expect(!health.usable && health.reason).toMatch(/^The list refused your resolver/);
    expect(!health.usable && health.reason).toMatch(/forwards its queries to one/);
    expect(!health.usable && health.reason).not.toMatch(/use a resolver of your own/);
  });

  test('other refusals are named with their meaning', () => {
    const health = assessHealth(zen, 'ipv4', answer(['127.255.255.255']), nx);
    expect(!health.usable && health.reason).toContain(
      '127.255.255.255: excessive number of queries',
    );
  });

  test('a 127.0.0.2 test point that is not listed makes the list unusable (empty answers look clean)', () => {
    const health = assessHealth(zen, 'ipv4', nx, nx);
    expect(health.usable).toBe(false);
    expect(!health.usable && health.reason).toContain('does not list its test point 127.0.0.2');
    expect(!health.usable && health.reason).toContain('Google Public DNS');
  });

  test('a listed 127.0.0.1 means a wildcarded zone whose answers cannot be trusted', () => {
    const health = assessHealth(psbl, 'ipv4', listed, answer(['127.0.0.2']));
    expect(health).toEqual({
      usable: false,
      reason:
        "The list answers 'listed' for its 127.0.0.1 test point: the zone is wildcarded or broken; its answers cannot be trusted",
    });
  });

  test('IPv6 lists are checked with the IPv4-mapped test points', () => {
    const health = assessHealth(psbl, 'ipv6', listed, listed);
    expect(!health.usable && health.reason).toContain('::ffff:7f00:1');
    const notListedV6 = assessHealth(psbl, 'ipv6', nx, nx);
    expect(!notListedV6.usable && notListedV6.reason).toContain('::ffff:7f00:2');
    expect(!notListedV6.usable && notListedV6.reason).toContain('does not support IPv6');
  });

  test('resolver errors, timeouts and broken answers on either test point make the list unusable', () => {
    const failures: [RawOutcome, RawOutcome, string][] = [
      [answer([], 'SERVFAIL'), nx, 'could not be checked'],
      [{ kind: 'http-error', status: 503, elapsedMs: 1 }, nx, 'HTTP 503'],
      [
        { kind: 'network-error', detail: 'Failed to fetch', elapsedMs: 1 },
        nx,
        'could not be reached',
      ],
      [
        { kind: 'bad-body', detail: 'Cannot decode name (buffer overflow)', elapsedMs: 1 },
        nx,
        'could not be read as a DNS answer, so it says nothing about the address. Technical detail: Cannot decode name (buffer overflow)',
      ],
      // A hung request cannot tell the resolver's fault from the list's: both are named.
      [{ kind: 'timeout', elapsedMs: 1 }, nx, 'No answer came from the resolver for the list'],
      [{ kind: 'timeout', elapsedMs: 1 }, nx, 'the resolver or the list may be at fault'],
      [answer(['192.0.2.1']), nx, 'broken'],
      [
        listed,
        answer([], 'SERVFAIL'),
        "The resolver returned an error (SERVFAIL) for the list's test point 127.0.0.1, so the list could not be checked",
      ],
      [listed, { kind: 'timeout', elapsedMs: 1 }, 'test point 127.0.0.1'],
      [listed, answer(['127.255.255.254']), '127.255.255.254'],
      [listed, answer(['10.0.0.1']), 'broken'],
    ];
    for (const [listedPoint, notListedPoint, fragment] of failures) {
      const health = assessHealth(psbl, 'ipv4', listedPoint, notListedPoint);
      expect(health.usable, fragment).toBe(false);
      expect(!health.usable && health.reason, fragment).toContain(fragment);
    }
  });

  test("a SERVFAIL on a test point is worded as the resolver's error, never as the list not listing it", () => {
    const health = assessHealth(psbl, 'ipv4', answer([], 'SERVFAIL'), nx);
    expect(health).toEqual({
      usable: false,
      reason:
        "The resolver returned an error (SERVFAIL) for the list's test point 127.0.0.2, so the list could not be checked.",
      fault: 'resolver-error',
    });
  });

  test('a test point with no DNS answer at all is marked as the resolver being unreachable', () => {
    const down = { kind: 'network-error', detail: 'Failed to fetch', elapsedMs: 1 } as const;
    expect(assessHealth(psbl, 'ipv4', down, nx)).toMatchObject({ fault: 'resolver-unreachable' });
    expect(assessHealth(psbl, 'ipv4', { kind: 'timeout', elapsedMs: 1 }, nx)).toMatchObject({
      fault: 'timeout',
    });
    // The list itself answering wrongly is not the resolver's fault.
    expect(assessHealth(psbl, 'ipv4', nx, nx)).not.toHaveProperty('fault');
  });
});
