import { describe, expect, test } from 'vitest';
import {
  blocklistFindings,
  lookupUrlFor,
  summariseRun,
} from '../../src/lib/blocklists/domain/summary';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';
import { delistingAdvice } from '../../src/lib/blocklists/domain/wording';

describe('block-list findings', () => {
  test('every listing on a healthy list is a finding naming the address and the list', () => {
    const run = blocklistRun({
      results: [
        listedResult('192.0.2.10', 'a', 'Listed for spam, see the lookup page'),
        result('192.0.2.10', 'b', 'not-listed'),
        result('192.0.2.11', 'a', 'not-listed'),
      ],
    });
    expect(blocklistFindings(run)).toEqual([
      {
        address: '192.0.2.10',
        list: { id: 'a', name: 'List A', zone: 'a.bl.example.org', operator: 'Example operator' },
        codes: ['127.0.0.2'],
        meanings: ['Spam source'],
        txt: 'Listed for spam, see the lookup page',
        // Not the catalogue's page for this list (a stored run may name any address): shown as
        // text with its host, never a link.
        unverifiedLookup: {
          url: 'https://a.example.org/lookup?ip=192.0.2.10',
          host: 'a.example.org',
        },
        title: '192.0.2.10 is listed on List A',
      },
    ]);
  });

  test('only the catalogue’s own lookup page for a list is given as a link', () => {
    const spamcop = runList('spamcop', { lookupUrl: 'https://www.spamcop.net/bl.shtml?{ip}' });
    const forged = runList('psbl', { lookupUrl: 'https://psbl.example.net/delist?ip={ip}' });
    const run = blocklistRun({
      addresses: ['192.0.2.10'],
      lists: [spamcop, forged],
      results: [listedResult('192.0.2.10', 'spamcop'), listedResult('192.0.2.10', 'psbl')],
    });
    const [fromCatalogue, fromFile] = blocklistFindings(run);
    expect(fromCatalogue?.lookupUrl).toBe('https://www.spamcop.net/bl.shtml?192.0.2.10');
    expect(fromFile?.lookupUrl).toBeUndefined();
    expect(fromFile?.unverifiedLookup?.host).toBe('psbl.example.net');
    expect(delistingAdvice(fromFile!)).toEqual({
      text: expect.stringMatching(
        /^The stored check names a lookup page on psbl\.example\.net, which is not one this app knows/,
      ),
    });
  });

  test('a "listed" answer from a list that failed its test points is not a finding', () => {
    const broken = runList('b', {
      health: { usable: false, reason: 'answers listed for every address' },
      familyHealth: { ipv4: { usable: false, reason: 'answers listed for every address' } },
    });
    const run = blocklistRun({
      lists: [runList('a'), broken],
      results: [listedResult('192.0.2.10', 'b')],
    });
    expect(blocklistFindings(run)).toEqual([]);
    // Nor is it printed as a listing: it is an answer that gave no verdict.
    const summary = summariseRun(run);
    expect(summary.listed).toEqual([]);
    expect(summary.problems.map((p) => [p.address, p.list.id])).toEqual([['192.0.2.10', 'b']]);
    expect(summary.coverage.complete).toBe(false);
  });

  test('a list healthy for IPv4 but not for IPv6 gives no finding for an IPv6 address', () => {
    const half = runList('a', {
      familyHealth: {
        ipv4: { usable: true },
        ipv6: { usable: false, reason: 'no IPv6 test point' },
      },
    });
    const run = blocklistRun({
      addresses: ['2001:db8::1', '192.0.2.10'],
      lists: [half],
      results: [listedResult('2001:db8::1', 'a'), listedResult('192.0.2.10', 'a')],
    });
    expect(blocklistFindings(run).map((f) => f.address)).toEqual(['192.0.2.10']);
  });

  test('a retried pair counts once, with the newer answer', () => {
    const run = blocklistRun({
      results: [result('192.0.2.10', 'a', 'timeout'), listedResult('192.0.2.10', 'a')],
    });
    expect(blocklistFindings(run)).toHaveLength(1);
    expect(summariseRun(run).problems).toEqual([]);
  });

  test('findings follow the order of the addresses and lists, not the order answers arrived', () => {
    const run = blocklistRun({
      results: [
        listedResult('192.0.2.11', 'a'),
        listedResult('192.0.2.10', 'b'),
        listedResult('192.0.2.10', 'a'),
      ],
    });
    expect(blocklistFindings(run).map((f) => f.title)).toEqual([
      '192.0.2.10 is listed on List A',
      '192.0.2.10 is listed on List B',
      '192.0.2.11 is listed on List A',
    ]);
  });

  test('a lookup page template gets the address in place of {ip}', () => {
    expect(lookupUrlFor('https://x.example/q/{ip}', '2001:db8::1')).toBe(
      'https://x.example/q/2001%3Adb8%3A%3A1',
    );
    expect(lookupUrlFor('https://x.example/lookups', '192.0.2.1')).toBe(
      'https://x.example/lookups',
    );
  });
});

describe('run summary', () => {
  const addresses = Array.from({ length: 1024 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
  const lists = ['a', 'b', 'c'].map((id) => runList(id));
  const results = addresses.flatMap((address, i) =>
    lists.map(({ id }) =>
      i === 7 && id === 'b'
        ? listedResult(address, id, 'Seen sending spam')
        : i === 9 && id === 'c'
          ? result(address, id, 'refused', {
              codes: ['127.255.255.254'],
              detail: 'Public resolver refused',
            })
          : i === 11 && id === 'a'
            ? result(address, id, 'timeout', { detail: 'No answer in 5 s' })
            : i >= 1000 && id === 'c'
              ? result(address, id, 'skipped')
              : result(address, id, 'not-listed'),
    ),
  );
  const summary = summariseRun(blocklistRun({ addresses, lists, results }));

  test('lists every listed address in full with its codes, meaning and reason', () => {
    expect(summary.listed).toEqual([
      {
        address: '10.0.0.7',
        list: { id: 'b', name: 'List B', zone: 'b.bl.example.org' },
        outcome: 'listed',
        codes: ['127.0.0.2'],
        meanings: ['Spam source'],
        txt: 'Seen sending spam',
        outcomeText: 'Listed',
      },
    ]);
  });

  test('lists every problem in full, with why no verdict was possible', () => {
    expect(
      summary.problems.map((p) => [p.address, p.list.id, p.outcome, p.outcomeText, p.detail]),
    ).toEqual([
      ['10.0.0.9', 'c', 'refused', 'Not checked: list refused', 'Public resolver refused'],
      ['10.0.0.11', 'a', 'timeout', 'Not checked: no answer in time', 'No answer in 5 s'],
    ]);
  });

  test('summarises "not listed" and "skipped" as a count per list, never a row per address', () => {
    expect(summary.notListedByList.map((l) => [l.id, l.count])).toEqual([
      ['a', 1023],
      ['b', 1023],
      ['c', 999],
    ]);
    expect(summary.skippedByList.map((l) => [l.id, l.count])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 24],
    ]);
  });

  test('gives each list its health and its count of every outcome', () => {
    const c = summary.lists.find((l) => l.id === 'c');
    expect(c?.health).toEqual({ usable: true });
    expect(c?.counts).toEqual({
      listed: 0,
      'not-listed': 999,
      refused: 1,
      'broken-list': 0,
      'resolver-error': 0,
      timeout: 0,
      skipped: 24,
    });
  });

  test('says when the run was, through which resolver, and how it ended', () => {
    expect(summary).toMatchObject({
      resolver: { label: 'Cloudflare', url: 'https://cloudflare-dns.com/dns-query' },
      startedAt: '2026-11-28T10:00:00.000Z',
      finishedAt: '2026-11-28T10:01:00.000Z',
      state: 'complete',
      addressCount: 1024,
    });
  });
});

describe('addresses a run did not check', () => {
  test('are summarised in words, with their size and why, and never as "not listed"', () => {
    const run = blocklistRun({
      notChecked: [
        { addresses: '10.0.0.0/8', why: 'not-public', reason: 'private network (RFC 1918)' },
        { addresses: '127.0.0.2', why: 'not-public', reason: 'loopback (this computer)' },
        {
          addresses: '192.0.0.0–192.0.0.255',
          why: 'not-public',
          reason: 'IETF protocol assignments (RFC 6890)',
        },
        {
          addresses: '192.52.192.0/21',
          why: 'over-limit',
          reason: 'over the limit of 1,024 addresses per check',
        },
      ],
    });
    expect(summariseRun(run).notChecked).toEqual([
      '10.0.0.0/8 (16,777,216 addresses): not checked, private or reserved address: private network (RFC 1918). Public block lists never list these.',
      '127.0.0.2: not checked, private or reserved address: loopback (this computer). Public block lists never list these.',
      '192.0.0.0–192.0.0.255 (256 addresses): not checked, private or reserved address: IETF protocol assignments (RFC 6890). Public block lists never list these.',
      '192.52.192.0/21 (2,048 addresses): not checked, over the limit of 1,024 addresses per check.',
    ]);
    expect(summariseRun(blocklistRun({})).notChecked).toEqual([]);
  });
});
