import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assessHealth, type RawOutcome } from '../../src/lib/blocklists/domain/classify';
import { DNSBL_LISTS } from '../../src/lib/content/blocklists';
import type { DnsblList } from '../../src/lib/model/blocklist-catalogue';
import { whyNothingCanBeChecked, type PlannedList } from '../../src/lib/blocklists/domain/plan';
import { buildGrid } from '../../src/lib/blocklists/domain/grid';
import {
  OutcomeSchema,
  type BlocklistRun,
  type Outcome,
  type RunList,
} from '../../src/lib/model/blocklist-run';
import { summariseRun } from '../../src/lib/blocklists/domain/summary';
import { runCoverage } from '../../src/lib/blocklists/domain/coverage';
import { outcomeLabel } from '../../src/lib/blocklists/domain/wording';
import {
  coverageCounts,
  describeNoVerdict,
  runOutcome,
} from '../../src/lib/blocklists/domain/coverage-wording';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';

/**
 * The block-list run display agrees with itself: every address/list pair is counted once, in one
 * category, and every view (progress, summary line, filters, report) reads the same numbers.
 */

const OUTCOMES: readonly Outcome[] = OutcomeSchema.options;
const HEALTHS: RunList['health'][] = [{ usable: true }, { usable: false, reason: 'no answer' }];

/** Any run: lists healthy or not per family, each pair answered any way, or never asked. */
const arbitraryRun = fc
  .record({
    addresses: fc.uniqueArray(
      fc.oneof(
        fc.integer({ min: 1, max: 250 }).map((n) => `192.0.2.${n}`),
        fc.integer({ min: 1, max: 250 }).map((n) => `2001:db8::${n.toString(16)}`),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    lists: fc.array(
      fc.record({
        ipv4: fc.option(fc.constantFrom(...HEALTHS), { nil: undefined }),
        ipv6: fc.option(fc.constantFrom(...HEALTHS), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    answers: fc.array(fc.option(fc.constantFrom(...OUTCOMES), { nil: undefined }), {
      minLength: 30,
      maxLength: 30,
    }),
    state: fc.constantFrom<BlocklistRun['state']>('complete', 'cancelled'),
  })
  .map(({ addresses, lists, answers, state }): BlocklistRun => {
    const runLists = lists.map(({ ipv4, ipv6 }, i) => {
      const familyHealth: RunList['familyHealth'] = {};
      if (ipv4) familyHealth.ipv4 = ipv4;
      if (ipv6) familyHealth.ipv6 = ipv6;
      const usable = [ipv4, ipv6].some((h) => h?.usable) || (!ipv4 && !ipv6);
      return runList(`l${i}`, {
        familyHealth,
        health: usable ? { usable: true } : { usable: false, reason: 'no answer' },
      });
    });
    let k = 0;
    const results = addresses.flatMap((address) =>
      runLists.flatMap((list) => {
        const outcome = answers[k++ % answers.length];
        return outcome ? [result(address, list.id, outcome)] : [];
      }),
    );
    return blocklistRun({ addresses, lists: runLists, results, state });
  });

describe('one count per pair', () => {
  test('listed, not listed, no verdict and skipped always add up to every address × list pair', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const { total, byList } = runCoverage(run);
        const pairs = run.addresses.length * run.lists.length;
        expect(total.total).toBe(pairs);
        expect(total.listed + total.notListed + total.noVerdict + total.skipped).toBe(pairs);
        expect(total.pairs + total.skipped).toBe(pairs);
        const causes = Object.values(total.byCause).reduce((a, b) => a + b, 0);
        expect(causes).toBe(total.noVerdict);
        // The per-list figures (the report's table) add up to the whole.
        const perList = [...byList.values()].reduce((a, c) => a + c.total, 0);
        expect(perList).toBe(pairs);
        // The grid judges each pair the same way, so the filters show what the counts say.
        const cells = buildGrid(run, 'all').flatMap((r) => r.cells);
        expect(cells.filter((c) => c.status === 'listed')).toHaveLength(total.listed);
        expect(cells.filter((c) => c.status === 'no-verdict')).toHaveLength(total.noVerdict);
        expect(cells.filter((c) => c.status === 'skipped')).toHaveLength(total.skipped);
      }),
    );
  });

  test.each([
    {
      name: 'a list unusable for every address, with no answers',
      run: blocklistRun({
        lists: [
          runList('a'),
          runList('b', {
            health: { usable: false, reason: 'x' },
            familyHealth: { ipv4: { usable: false, reason: 'x' } },
          }),
        ],
        results: [result('192.0.2.10', 'a', 'not-listed'), listedResult('192.0.2.11', 'a')],
      }),
      expected: { total: 4, listed: 1, notListed: 1, noVerdict: 2, skipped: 0, pairs: 4 },
    },
    {
      name: 'an IPv6 address skipped by an IPv4-only list is neither a gap nor counted twice',
      run: blocklistRun({
        addresses: ['192.0.2.10', '2001:db8::1'],
        lists: [runList('a')],
        results: [result('192.0.2.10', 'a', 'not-listed'), result('2001:db8::1', 'a', 'skipped')],
      }),
      expected: { total: 2, listed: 0, notListed: 1, noVerdict: 0, skipped: 1, pairs: 1 },
    },
  ])('$name', ({ run, expected }) => {
    expect(runCoverage(run).total).toMatchObject(expected);
  });

  test('the summary line counts every pair, and says how many there are', () => {
    const run = blocklistRun({
      addresses: ['192.0.2.10', '2001:db8::1'],
      lists: [runList('a')],
      results: [listedResult('192.0.2.10', 'a'), result('2001:db8::1', 'a', 'skipped')],
    });
    expect(coverageCounts(runCoverage(run).total)).toBe(
      '2 address/list pairs: 1 listed, 0 not listed, 0 with no verdict, 1 skipped.',
    );
  });

  test('reasons for no verdict read without brackets inside brackets', () => {
    const run = blocklistRun({
      lists: [
        runList('a', {
          health: { usable: false, reason: 'x' },
          familyHealth: { ipv4: { usable: false, reason: 'x' } },
        }),
      ],
      state: 'cancelled',
    });
    const text = describeNoVerdict(runCoverage(run).total);
    expect(text).toBe('2 because the list failed its test points');
    expect(text).not.toMatch(/\(/);
  });
});

describe('the run outcome', () => {
  test('"Complete" only when every pair that could be asked has a verdict', () => {
    const clean = blocklistRun({
      results: ['192.0.2.10', '192.0.2.11'].flatMap((a) =>
        ['a', 'b'].map((l) => result(a, l, 'not-listed')),
      ),
    });
    expect(runOutcome('complete', runCoverage(clean).total)).toMatch(/^Complete/);
    const gappy = blocklistRun({
      results: [
        ...clean.results.slice(1),
        result('192.0.2.10', 'a', 'timeout'),
        // A retry replaced nothing here; the pair still has no verdict.
      ],
    });
    expect(summariseRun(gappy).outcome).toBe('Finished with gaps: 1 of 4 pairs has no verdict');
    const unusable = blocklistRun({
      lists: [
        runList('a'),
        runList('b', {
          health: { usable: false, reason: 'x' },
          familyHealth: { ipv4: { usable: false, reason: 'x' } },
        }),
      ],
      results: clean.results.filter((r) => r.listId === 'a'),
    });
    expect(summariseRun(unusable).outcome).toBe('Finished with gaps: 2 of 4 pairs have no verdict');
    expect(runOutcome('cancelled', runCoverage(unusable).total)).toBe(
      'Cancelled: results so far; 2 of 4 pairs have no verdict',
    );
  });
});

describe('an answer code the documentation does not define', () => {
  test('is shown as a listing whose meaning is unknown', () => {
    const unknown = result('192.0.2.10', 'a', 'listed', {
      codes: ['127.0.0.9'],
      meanings: ["127.0.0.9: unknown code — the list's documentation does not define it"],
    });
    expect(outcomeLabel(unknown)).toBe(
      "Listed (unknown code 127.0.0.9 — the list's documentation does not define it)",
    );
    // Runs stored with the older wording read the same way.
    const older = { ...unknown, meanings: ['127.0.0.9: code 127.0.0.9 (meaning not published)'] };
    expect(outcomeLabel(older)).toBe(outcomeLabel(unknown));
    expect(outcomeLabel(listedResult('192.0.2.10', 'a'))).toBe('Listed');
  });
});

describe('when no list passes its test points', () => {
  const lists: PlannedList[] = DNSBL_LISTS.slice(0, 3).map((list: DnsblList) => ({
    list,
    zones: { ipv4: list.zone },
  }));
  const healthOf = (a: RawOutcome) =>
    Object.fromEntries(
      lists.map(({ list }) => [
        list.id,
        {
          ipv4: assessHealth(list, 'ipv4', a, {
            kind: 'answer',
            rcode: 'NXDOMAIN',
            a: [],
            txt: [],
            elapsedMs: 1,
          }),
        },
      ]),
    );

  test('a resolver that cannot be reached is named, not the first list', () => {
    const message = whyNothingCanBeChecked(
      lists,
      healthOf({ kind: 'network-error', detail: 'Failed to fetch', elapsedMs: 1 }),
    );
    expect(message).toMatch(/^The resolver could not be reached/);
    expect(message).toContain('The lists are not at fault');
    expect(message).not.toContain(lists[0]!.list.name);
  });

  test('every list failing with the same resolver error points at the resolver', () => {
    const message = whyNothingCanBeChecked(
      lists,
      healthOf({ kind: 'answer', rcode: 'SERVFAIL', a: [], txt: [], elapsedMs: 1 }),
    );
    expect(message).toMatch(/^Every list failed its test points the same way/);
    expect(message).toContain('points at the resolver, not the lists');
  });

  test('says nothing about stored evidence: the screen knows whether there is any', () => {
    const outcomes: RawOutcome[] = [
      { kind: 'network-error', detail: 'x', elapsedMs: 1 },
      { kind: 'answer', rcode: 'NXDOMAIN', a: [], txt: [], elapsedMs: 1 },
    ];
    for (const raw of outcomes) {
      expect(whyNothingCanBeChecked(lists, healthOf(raw))).not.toMatch(/evidence/);
    }
  });
});
