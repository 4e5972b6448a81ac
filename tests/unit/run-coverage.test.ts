import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { judgePair, runCoverage } from '../../src/lib/blocklists/domain/coverage';
import { coverageStatement } from '../../src/lib/blocklists/domain/coverage-wording';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';
import { OutcomeSchema, type BlocklistRun } from '../../src/lib/model/blocklist-run';

const everyPair = (outcome: 'not-listed', addresses: string[], lists: string[]) =>
  addresses.flatMap((address) => lists.map((id) => result(address, id, outcome)));

describe('judging a run once', () => {
  test('the same run is judged once, however many views ask; a run with new answers afresh', () => {
    const run = blocklistRun({ results: [result('192.0.2.10', 'a', 'not-listed')] });
    expect(runCoverage(run)).toBe(runCoverage(run));
    const more = { ...run, results: [...run.results, result('192.0.2.11', 'a', 'not-listed')] };
    expect(runCoverage(more)).not.toBe(runCoverage(run));
    expect(runCoverage(more).total.notListed).toBe(runCoverage(run).total.notListed + 1);
  });
});

describe('counting a run as its answers arrive', () => {
  const addresses = ['192.0.2.10', '192.0.2.11', '2001:db8::1'];
  const lists = [
    runList('a'),
    runList('b', {
      familyHealth: { ipv4: { usable: true }, ipv6: { usable: false, reason: 'SERVFAIL' } },
    }),
    runList('c', {
      health: { usable: false, reason: 'answers listed for everything' },
      familyHealth: {},
    }),
  ];
  // Pairs of the run and a few outside it (an address or a list the run does not have).
  const answer = fc
    .record({
      address: fc.constantFrom(...addresses, '198.51.100.1'),
      listId: fc.constantFrom('a', 'b', 'c', 'z'),
      outcome: fc.constantFrom(...OutcomeSchema.options),
    })
    .map(({ address, listId, outcome }) => result(address, listId, outcome));

  /** The same run judged from nothing: copies of the answers, so no earlier count is reused. */
  const afresh = (run: BlocklistRun) =>
    runCoverage({ ...run, results: run.results.map((r) => ({ ...r })) });

  test('batch by batch, retries and stray answers included, the count is the fresh judgement', () => {
    fc.assert(
      fc.property(fc.array(fc.array(answer, { maxLength: 6 }), { maxLength: 8 }), (batches) => {
        let run = blocklistRun({ addresses, lists, results: [] });
        expect(runCoverage(run)).toEqual(afresh(run));
        for (const batch of batches) {
          // As the check machine does it: the answers so far, then the batch's, in a new run.
          run = {
            ...run,
            lists: run.lists.map((l) => ({ ...l })),
            results: run.results.concat(batch),
          };
          expect(runCoverage(run)).toEqual(afresh(run));
        }
      }),
    );
  });

  test('a run that is not the last one plus answers (a list now trusted, answers gone) is judged afresh', () => {
    const run = blocklistRun({ addresses, lists, results: [result('192.0.2.10', 'c', 'listed')] });
    expect(runCoverage(run).total.listed).toBe(0);
    const trusted = { ...run, lists: [lists[0]!, lists[1]!, runList('c')] };
    expect(runCoverage(trusted).total.listed).toBe(1);
    const fewer = { ...trusted, results: [] };
    expect(runCoverage(fewer).total).toEqual(afresh(fewer).total);
    expect(runCoverage(fewer).total.listed).toBe(0);
  });
});

describe('what a run can honestly claim', () => {
  test('every pair answered "not listed" by healthy lists: a clean result', () => {
    const run = blocklistRun({
      results: everyPair('not-listed', ['192.0.2.10', '192.0.2.11'], ['a', 'b']),
    });
    const { total } = runCoverage(run);
    expect(total).toMatchObject({ pairs: 4, notListed: 4, noVerdict: 0, complete: true });
    expect(coverageStatement(total)).toBe('No address is listed on any list checked.');
  });

  test('a list unusable for IPv6 leaves IPv6 pairs without a verdict, never "clean"', () => {
    const half = runList('b', {
      familyHealth: { ipv4: { usable: true }, ipv6: { usable: false, reason: 'SERVFAIL' } },
    });
    const run = blocklistRun({
      addresses: ['192.0.2.10', '2001:db8::1'],
      lists: [runList('a', { familyHealth: {} }), half],
      results: [
        ...everyPair('not-listed', ['192.0.2.10', '2001:db8::1'], ['a']),
        result('192.0.2.10', 'b', 'not-listed'),
      ],
    });
    const { total, byList } = runCoverage(run);
    expect(total).toMatchObject({ pairs: 4, notListed: 3, noVerdict: 1, complete: false });
    expect(total.byCause['list-unusable']).toBe(1);
    expect(byList.get('a')?.complete).toBe(true);
    const statement = coverageStatement(total);
    expect(statement).not.toMatch(/No address is listed/);
    expect(statement).toMatch(
      /1 of the 4 address\/list pairs that could be asked has no verdict: 1 because the list failed its test points\./,
    );
  });

  test('a list unusable for every family, and a run cancelled half-way, both count as no verdict', () => {
    const dead = runList('b', {
      health: { usable: false, reason: 'fails its test points' },
      familyHealth: { ipv4: { usable: false, reason: 'fails its test points' } },
    });
    const run = blocklistRun({
      state: 'cancelled',
      lists: [runList('a'), dead],
      results: [result('192.0.2.10', 'a', 'not-listed')],
    });
    const { total } = runCoverage(run);
    expect(total.byCause).toMatchObject({ 'list-unusable': 2, 'not-asked': 1 });
    expect(total.complete).toBe(false);
    expect(coverageStatement(total)).toMatch(
      /^No listing among the 1 answer that gave a verdict\. 3 /,
    );
  });

  test('refusals, timeouts and "listed" from an unhealthy list are no verdict; skipped is neither', () => {
    const wildcard = runList('b', {
      health: { usable: false, reason: 'answers listed for 127.0.0.1' },
      familyHealth: { ipv4: { usable: false, reason: 'answers listed for 127.0.0.1' } },
    });
    expect(judgePair(wildcard, '192.0.2.10', listedResult('192.0.2.10', 'b'))).toMatchObject({
      status: 'no-verdict',
      cause: 'list-unusable',
    });
    const healthy = runList('a');
    expect(judgePair(healthy, '192.0.2.10', result('192.0.2.10', 'a', 'refused'))).toMatchObject({
      status: 'no-verdict',
      cause: 'refused',
    });
    expect(judgePair(healthy, '2001:db8::1', result('2001:db8::1', 'a', 'skipped')).status).toBe(
      'skipped',
    );
  });

  test('listings are counted and named first; gaps are still stated', () => {
    const run = blocklistRun({
      results: [listedResult('192.0.2.10', 'a'), result('192.0.2.11', 'a', 'timeout')],
    });
    const statement = coverageStatement(runCoverage(run).total);
    expect(statement).toMatch(
      /^1 listing found\. 3 of the 4 address\/list pairs that could be asked have no verdict/,
    );
    expect(statement).toMatch(/1 with no answer in time, 2 not asked because the check stopped/);
  });
});
