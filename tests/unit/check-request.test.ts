import { describe, expect, test } from 'vitest';
import {
  emptyProfile,
  BlocklistSettingsSchema,
  type BlocklistSettings,
} from '../../src/lib/model/assessment';
import { parseCodeLines, parseCustomList } from '../../src/lib/blocklists/domain/custom';
import { customListId } from '../../src/lib/model/blocklist-list';
import {
  availableLists,
  consentCovers,
  consentFor,
  keyServicesNeeded,
  planRun,
  resolverFor,
  selectedListIds,
  selectedLists,
  targetsText,
} from '../../src/lib/blocklists/domain/request';
import { planHealthChecks } from '../../src/lib/blocklists/domain/plan';
import { buildGrid, gridAddresses, gridRows } from '../../src/lib/blocklists/domain/grid';
import { formatDuration } from '../../src/lib/shared/format';
import { latestByPair, runCoverage } from '../../src/lib/blocklists/domain/coverage';
import type { BlocklistRun } from '../../src/lib/model/blocklist-run';

const settings = (patch: Partial<BlocklistSettings> = {}): BlocklistSettings => ({
  ...BlocklistSettingsSchema.parse({}),
  ...patch,
});
// Public test addresses (AS112 blocks, never mail senders): reserved ones are never checked.
const profile = {
  ...emptyProfile(),
  mailServers: '192.31.196.25',
  networkRanges: '192.175.48.0/30',
};

describe('planning a run', () => {
  test('targets come from the profile until the user edits them', () => {
    expect(targetsText(settings(), profile)).toBe('192.31.196.25\n192.175.48.0/30');
    expect(targetsText(settings({ targets: '192.31.196.99' }), profile)).toBe('192.31.196.99');
    expect(targetsText(settings({ targets: '' }), profile)).toBe('');
  });

  test('the default run uses Cloudflare, the default lists and expands ranges without duplicates', () => {
    const result = planRun(settings({ targets: '192.31.196.1\n192.31.196.0/31' }), profile, {});
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.plan.resolver.url).toBe('https://cloudflare-dns.com/dns-query');
    expect(result.plan.targets.map((t) => t.address)).toEqual(['192.31.196.1', '192.31.196.0']);
    // The free, live address lists that answer public resolvers, as the catalogue stands.
    expect(result.plan.lists.map(({ list }) => list.id)).toEqual([
      'mailspike-bl',
      'psbl',
      'spamrats',
      'dronebl',
      'spameatingmonkey',
      '0spam',
    ]);
    // The form ticks exactly what a run asks.
    expect(selectedListIds(settings())).toEqual(result.plan.lists.map(({ list }) => list.id));
  });

  test('with your own resolver the default adds the lists that refuse public ones', () => {
    const result = planRun(
      settings({ resolver: 'custom', customResolverUrl: 'https://dns.example.ac.uk/dns-query' }),
      profile,
      {},
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.plan.lists.map(({ list }) => list.id)[0]).toBe('spamhaus-zen');
  });

  test('a selection once made is the user’s own: the defaults no longer apply', () => {
    const chosen = settings({ selectedListIds: ['psbl'] });
    expect(selectedListIds(chosen)).toEqual(['psbl']);
    const result = planRun(chosen, profile, {});
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.plan.lists.map(({ list }) => list.id)).toEqual(['psbl']);
  });

  test('a custom resolver must be https, or http only on this computer', () => {
    const custom = (url: string) =>
      resolverFor(settings({ resolver: 'custom', customResolverUrl: url }));
    expect(custom('https://dns.example.ac.uk/dns-query')).toMatchObject({ ok: true });
    expect(custom('http://127.0.0.1:8053/dns-query')).toMatchObject({ ok: true });
    expect(custom('http://localhost:8053/dns-query')).toMatchObject({ ok: true });
    expect(custom('http://dns.example.ac.uk/dns-query')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/https/),
    });
    expect(custom('dns.example.ac.uk')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a web address/),
    });
    expect(custom('')).toMatchObject({ ok: false });
    expect(custom('https://dns.example.ac.uk/dns-query?dns=x')).toMatchObject({ ok: false });
  });

  test('a resolver address with a name or password is refused, naming the host it really reaches', () => {
    const custom = (url: string) =>
      resolverFor(settings({ resolver: 'custom', customResolverUrl: url }));
    expect(custom('https://user:secret@dns.example.ac.uk/dns-query')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /user name or password .* really goes to dns\.example\.ac\.uk/,
      ),
    });
    // Looks like the Janet resolver, reaches another host.
    expect(custom('https://dns.jisc.ac.uk@evil.example/dns-query')).toEqual({
      ok: false,
      message: expect.stringMatching(/really goes to evil\.example/),
    });
    expect(custom('https://evil.example%2F@dns.jisc.ac.uk/dns-query')).toMatchObject({ ok: false });
    expect(custom('https://evil.example\\@dns.jisc.ac.uk/dns-query')).toEqual({
      ok: false,
      message: expect.stringMatching(/backslash/),
    });
  });

  test('a host in another alphabet is shown as the address it really names, with a warning', () => {
    // "јisc" with a Cyrillic ј: the browser sends it as punycode.
    const result = resolverFor(
      settings({ resolver: 'custom', customResolverUrl: 'https://dns.\u0458isc.ac.uk/dns-query' }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.host).toMatch(/^dns\.xn--/);
    expect(result.resolver.label).toBe(`Your resolver (${result.host})`);
    expect(result.warning).toMatch(/letters outside the basic Latin alphabet/);
    const plain = resolverFor(
      settings({ resolver: 'custom', customResolverUrl: 'https://dns.jisc.ac.uk/dns-query' }),
    );
    expect(plain).toEqual({
      ok: true,
      resolver: {
        label: 'Your resolver (dns.jisc.ac.uk)',
        url: 'https://dns.jisc.ac.uk/dns-query',
      },
      host: 'dns.jisc.ac.uk',
    });
  });

  test('Spamhaus DQS without a key cannot start, and says why', () => {
    const result = planRun(settings({ selectedListIds: ['spamhaus-dqs-zen'] }), profile, {});
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/needs your key/)] });
    const withKey = planRun(settings({ selectedListIds: ['spamhaus-dqs-zen'] }), profile, {
      'spamhaus-dqs': 'abc123',
    });
    expect(withKey.ok).toBe(true);
  });

  test("each operator's key goes only into its own zones", () => {
    const keyed = settings({
      resolver: 'custom',
      customResolverUrl: 'https://dns.example.ac.uk/dns-query',
      selectedListIds: ['spamhaus-dqs-zen', 'abusix', 'maps-rbl-plus'],
    });
    expect(keyServicesNeeded(selectedLists(keyed))).toEqual(['spamhaus-dqs', 'abusix', 'maps']);

    // The Spamhaus key alone must not be lent to Abusix or Trend Micro.
    const onlySpamhaus = planRun(keyed, profile, { 'spamhaus-dqs': 'spamkey' });
    expect(onlySpamhaus.ok).toBe(false);
    if (!onlySpamhaus.ok) {
      expect(onlySpamhaus.problems).toEqual([
        expect.stringMatching(/Abusix.*needs your key/),
        expect.stringMatching(/MAPS.*needs your key/),
      ]);
    }

    const all = planRun(keyed, profile, {
      'spamhaus-dqs': 'spamkey',
      abusix: 'abukey',
      maps: 'mapskey',
    });
    if (!all.ok) throw new Error(all.problems.join('; '));
    const zones = Object.fromEntries(all.plan.lists.map((p) => [p.list.id, p.zones.ipv4]));
    expect(zones).toEqual({
      'spamhaus-dqs-zen': 'spamkey.zen.dq.spamhaus.net',
      abusix: 'abukey.combined.mail.abusix.zone',
      'maps-rbl-plus': 'mapskey.r.mail-abuse.com',
    });
  });

  test('a public Spamhaus zone cannot be chosen with a public resolver, but can with your own', () => {
    expect(selectedLists(settings({ selectedListIds: ['spamhaus-zen'] }))).toEqual([]);
    const own = settings({
      resolver: 'custom',
      customResolverUrl: 'https://dns.example.ac.uk/dns-query',
      selectedListIds: ['spamhaus-zen'],
    });
    expect(selectedLists(own).map((l) => l.id)).toEqual(['spamhaus-zen']);
  });

  test('no addresses and no lists are reported, each with its own message', () => {
    const result = planRun(
      settings({ targets: 'not an address', selectedListIds: [] }),
      profile,
      {},
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toMatch(/no valid addresses/);
  });

  test('private and reserved addresses are not asked about, and the plan says what was left out and why', () => {
    const result = planRun(
      settings({ targets: '192.31.196.25\n10.0.0.0/8\n192.168.1.1\n2001:db8::1\n127.0.0.2' }),
      profile,
      {},
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.plan.targets.map((t) => t.address)).toEqual(['192.31.196.25']);
    expect(result.plan.notChecked).toEqual([
      { addresses: '10.0.0.0/8', why: 'not-public', reason: 'private network (RFC 1918)' },
      { addresses: '192.168.1.1', why: 'not-public', reason: 'private network (RFC 1918)' },
      {
        addresses: '2001:db8::1',
        why: 'not-public',
        reason: 'documentation example range (RFC 3849)',
      },
      { addresses: '127.0.0.2', why: 'not-public', reason: 'loopback (this computer)' },
    ]);
    // The RFC 5782 test points are the planner's own questions, not user input: still asked.
    const names = planHealthChecks(result.plan.lists, result.plan.targets);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((h) => h.listedName.startsWith('2.0.0.127.'))).toBe(true);
    expect(names.every((h) => h.notListedName.startsWith('1.0.0.127.'))).toBe(true);
  });

  test('a run of only private addresses cannot start, and says why', () => {
    const result = planRun(settings({ targets: '10.0.0.1\n192.168.0.0/24' }), profile, {});
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/no public addresses to check: private and reserved/)],
    });
  });

  test('a range over the limit is left out of the run, named with its line, and recorded as not checked', () => {
    const result = planRun(
      settings({ targets: '192.31.196.25\n192.52.192.0/22\n192.175.48.1' }),
      profile,
      {},
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.plan.targets.map((t) => t.address)).toEqual(['192.31.196.25', '192.175.48.1']);
    expect(result.plan.refused).toEqual([
      expect.stringMatching(/^Line 2: 192\.52\.192\.0\/22 was left out: .*1,025 in all/),
    ]);
    expect(result.plan.notChecked).toEqual([
      {
        addresses: '192.52.192.0/22',
        why: 'over-limit',
        reason: 'over the limit of 1,024 addresses per check',
      },
    ]);
  });

  test('when every range is over the limit, the reason is given rather than "no valid addresses"', () => {
    const result = planRun(settings({ targets: '192.52.192.0/21' }), profile, {});
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^Line 1: 192\.52\.192\.0\/21 was left out: it holds 2,048/),
      ],
    });
  });

  test('consent covers a run only for the same resolver and no new list', () => {
    const result = planRun(settings(), profile, {});
    if (!result.ok) throw new Error('unexpected');
    const consent = consentFor(result.plan, new Date('2026-11-28T12:00:00Z'));
    expect(consentCovers(consent, result.plan)).toBe(true);
    expect(consentCovers(undefined, result.plan)).toBe(false);
    expect(
      consentCovers({ ...consent, resolverUrl: 'https://dns.google/dns-query' }, result.plan),
    ).toBe(false);
    expect(consentCovers({ ...consent, zones: consent.zones.slice(1) }, result.plan)).toBe(false);
  });

  test('consent does not cover addresses added after it was given, nor a consent that names none', () => {
    const before = planRun(settings({ targets: '192.31.196.1' }), profile, {});
    const after = planRun(settings({ targets: '192.31.196.1\n192.175.48.0/30' }), profile, {});
    if (!before.ok || !after.ok) throw new Error('unexpected');
    const consent = consentFor(before.plan, new Date('2026-11-28T12:00:00Z'));
    expect(consent.addresses).toEqual(['192.31.196.1']);
    expect(consentCovers(consent, before.plan)).toBe(true);
    expect(consentCovers(consent, after.plan)).toBe(false);
    // Removing an address needs no new consent: nothing new is sent.
    expect(consentCovers(consentFor(after.plan, new Date()), before.plan)).toBe(true);
    const older = { ...consent };
    delete older.addresses;
    expect(consentCovers(older, before.plan)).toBe(false);
  });

  test('selections saved with the old custom-list ids are mapped to the current ids', () => {
    const saved = BlocklistSettingsSchema.parse({
      customLists: [{ zone: 'rbl.example.ac.uk', name: '', ipv6: false, codes: [] }],
      selectedListIds: ['spamcop', 'custom-rbl-example-ac-uk'],
    });
    const [custom] = availableLists(saved).filter((l) => l.operator === 'Added by you');
    expect(saved.selectedListIds).toEqual(['spamcop', custom?.id]);
    expect(selectedLists(saved).map((l) => l.id)).toContain(custom?.id);
  });

  test('custom list ids are distinct for look-alike zones and within the stored limit', () => {
    const a = customListId('a-b.example');
    const b = customListId('a.b-example');
    expect(a).not.toEqual(b);
    expect(
      customListId(`${'x'.repeat(63)}.${'y'.repeat(63)}.example.ac.uk`).length,
    ).toBeLessThanOrEqual(80);
  });
});

describe('custom lists', () => {
  test('code lines are read as an answer and its meaning; bad lines are named', () => {
    expect(
      parseCodeLines('127.0.0.2 Spam\n127.0.0.3 = Trap\n\n10.0.0.1 Outside\n127.0.0.4'),
    ).toEqual({
      codes: [
        { value: '127.0.0.2', meaning: 'Spam' },
        { value: '127.0.0.3', meaning: 'Trap' },
      ],
      problems: [
        'Code line 4: "10.0.0.1" is not an answer inside 127.0.0.0/8.',
        'Code line 5: say what 127.0.0.4 means.',
      ],
    });
  });

  test('a bitmask list turns one-bit codes into bits on a shared base', () => {
    const result = parseCustomList(
      {
        zone: 'rbl-plus.example.ac.uk',
        name: '',
        ipv6: false,
        bitmask: true,
        codes: '127.1.0.1 RBL\n127.1.0.4 RSS',
      },
      [],
    );
    expect(result).toMatchObject({
      ok: true,
      list: {
        bitmask: {
          base: '127.1.0.0',
          bits: [
            { bit: 1, meaning: 'RBL' },
            { bit: 4, meaning: 'RSS' },
          ],
        },
      },
    });
    const notABit = parseCustomList(
      {
        zone: 'rbl.example.ac.uk',
        name: '',
        ipv6: false,
        bitmask: true,
        codes: '127.1.0.3 Two bits',
      },
      [],
    );
    expect(notABit).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/3 is not 1, 2, 4/)],
    });
  });

  test('a dead list typed by hand is refused with the reason', () => {
    const result = parseCustomList(
      { zone: 'dnsbl.sorbs.net', name: '', ipv6: false, bitmask: false, codes: '' },
      [],
    );
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/shut down/)] });
  });

  test('the same zone cannot be added twice', () => {
    const first = parseCustomList(
      { zone: 'Mirror.Example.AC.UK.', name: '', ipv6: false, bitmask: false, codes: '' },
      [],
    );
    if (!first.ok) throw new Error('unexpected');
    expect(first.list.zone).toBe('mirror.example.ac.uk');
    const again = parseCustomList(
      { zone: 'mirror.example.ac.uk', name: '', ipv6: false, bitmask: false, codes: '' },
      [first.list],
    );
    expect(again).toMatchObject({ ok: false, problems: [expect.stringMatching(/already/)] });
  });
});

describe('the results grid', () => {
  const run: BlocklistRun = {
    id: 'r',
    startedAt: '2026-11-28T12:00:00.000Z',
    state: 'complete',
    resolver: { label: 'x', url: 'https://x/dns-query' },
    addresses: ['192.0.2.1', '192.0.2.2', '2001:db8::1'],
    lists: [
      {
        id: 'a',
        name: 'A',
        zone: 'a.test',
        operator: '',
        health: { usable: true },
        familyHealth: { ipv4: { usable: true }, ipv6: { usable: false, reason: 'no IPv6' } },
      },
      {
        id: 'b',
        name: 'B',
        zone: 'b.test',
        operator: '',
        health: { usable: true },
        familyHealth: { ipv4: { usable: true } },
      },
    ],
    results: [
      { address: '192.0.2.1', listId: 'a', outcome: 'listed', codes: ['127.0.0.2'], meanings: [] },
      { address: '192.0.2.1', listId: 'b', outcome: 'not-listed', codes: [], meanings: [] },
      { address: '192.0.2.2', listId: 'a', outcome: 'timeout', codes: [], meanings: [] },
      { address: '2001:db8::1', listId: 'b', outcome: 'skipped', codes: [], meanings: [] },
    ],
  };

  test('a cell is a result, an unusable list (with the reason), or still pending', () => {
    const rows = buildGrid(run, 'all');
    expect(
      rows.map((r) => r.cells.map((c) => (c.kind === 'result' ? c.result.outcome : c.kind))),
    ).toEqual([
      ['listed', 'not-listed'],
      ['timeout', 'pending'],
      ['unusable', 'skipped'],
    ]);
  });

  test('filters keep rows with a listing, or with any pair that gave no verdict', () => {
    expect(buildGrid(run, 'listed').map((r) => r.address)).toEqual(['192.0.2.1']);
    // An unusable list or an unasked question is a gap too; skipped and clean rows are not.
    expect(buildGrid(run, 'problems').map((r) => r.address)).toEqual(['192.0.2.2', '2001:db8::1']);
    const clean: BlocklistRun = {
      ...run,
      addresses: ['192.0.2.1'],
      results: run.results.filter((r) => r.address === '192.0.2.1'),
    };
    expect(buildGrid({ ...clean, results: [clean.results[1]!] }, 'problems')).toHaveLength(1);
  });

  test('a page of the table is the same rows the whole table has there, judged alone', () => {
    for (const filter of ['all', 'listed', 'problems'] as const) {
      const addresses = gridAddresses(run, filter);
      expect(gridRows(run, addresses)).toEqual(buildGrid(run, filter));
      expect(gridRows(run, addresses.slice(1, 2))).toEqual(buildGrid(run, filter).slice(1, 2));
    }
    // "Every address" is the run's own list: no pair is judged to know which rows there are.
    expect(gridAddresses(run, 'all')).toBe(run.addresses);
    expect(gridRows(run, [])).toEqual([]);
  });

  test('answers are indexed once per batch: the same answers share one index, new ones get theirs', () => {
    expect(latestByPair(run)).toBe(latestByPair({ ...run }));
    const retried = {
      ...run,
      results: [
        ...run.results,
        {
          address: '192.0.2.2',
          listId: 'a',
          outcome: 'not-listed' as const,
          codes: [],
          meanings: [],
        },
      ],
    };
    expect(latestByPair(retried)).not.toBe(latestByPair(run));
    expect(latestByPair(retried).get('192.0.2.2|a')?.outcome).toBe('not-listed');
    expect(latestByPair(run).get('192.0.2.2|a')?.outcome).toBe('timeout');
  });

  test('a "listed" answer from a list unusable for that family is shown but does not count', () => {
    const wildcard: BlocklistRun = {
      ...run,
      addresses: ['2001:db8::1'],
      results: [
        {
          address: '2001:db8::1',
          listId: 'a',
          outcome: 'listed',
          codes: ['127.0.0.2'],
          meanings: [],
        },
      ],
    };
    expect(buildGrid(wildcard, 'all')[0]?.cells[0]).toMatchObject({
      kind: 'result',
      counts: false,
    });
    expect(buildGrid(wildcard, 'listed')).toEqual([]);
  });

  test('the grid and the counts judge each pair the same way: an unusable list and an unasked pair are no verdict', () => {
    const { total } = runCoverage(run);
    expect(total).toMatchObject({ total: 6, listed: 1, notListed: 1, noVerdict: 3, skipped: 1 });
    const statuses = buildGrid(run, 'all').flatMap((r) => r.cells.map((c) => c.status));
    const count = (status: string) => statuses.filter((s) => s === status).length;
    expect([count('listed'), count('not-listed'), count('no-verdict'), count('skipped')]).toEqual([
      total.listed,
      total.notListed,
      total.noVerdict,
      total.skipped,
    ]);
  });

  test('durations read as minutes and seconds', () => {
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
  });
});
