import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compactRun, expandRun } from '../../src/lib/assessment/compact-run';
import type { BlocklistResult } from '../../src/lib/model/blocklist-run';
import { blocklistRun, result } from '../fixtures/blocklist-run';

const addresses = ['192.0.2.1', '192.0.2.2', '2001:db8::1'];

const anyResult: fc.Arbitrary<BlocklistResult> = fc
  .record(
    {
      address: fc.constantFrom(...addresses, '198.51.100.9'),
      listId: fc.constantFrom('a', 'b', 'c'),
      outcome: fc.constantFrom('listed', 'not-listed', 'timeout', 'refused'),
      codes: fc.array(fc.constantFrom('127.0.0.2', '127.0.0.4'), { maxLength: 2 }),
      meanings: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
      txt: fc.string({ maxLength: 10 }),
      detail: fc.string({ maxLength: 10 }),
      rcode: fc.constantFrom('NXDOMAIN', 'NOERROR'),
      ttl: fc.nat(86_400),
      elapsedMs: fc.double({ min: 0, max: 5000, noNaN: true }),
    },
    { requiredKeys: ['address', 'listId', 'outcome', 'codes', 'meanings'] },
  )
  .map((r) => r as BlocklistResult);

describe('a run stored compactly', () => {
  test('expands to exactly the results it was made from, in their order', () => {
    fc.assert(
      fc.property(fc.array(anyResult, { maxLength: 60 }), (results) => {
        const run = blocklistRun({ addresses, results });
        const stored = compactRun(run);
        expect(expandRun(structuredClone(stored) as never)).toEqual(run);
      }),
    );
  });

  test('keeps plain "not listed" answers in columns, everything else in full', () => {
    const run = blocklistRun({
      addresses,
      results: [
        result('192.0.2.1', 'a', 'not-listed', { rcode: 'NXDOMAIN', ttl: 300, elapsedMs: 12 }),
        result('192.0.2.1', 'b', 'listed', { codes: ['127.0.0.2'] }),
        result('192.0.2.2', 'a', 'not-listed', { rcode: 'NXDOMAIN', elapsedMs: 9 }),
        result('192.0.2.2', 'b', 'timeout', { detail: 'No answer' }),
        // An address the run did not ask about (a hand-edited file): kept whole, not guessed.
        result('203.0.113.1', 'a', 'not-listed'),
      ],
    });
    const { results } = compactRun(run);
    expect(results.full.map((f) => f.at)).toEqual([1, 3, 4]);
    expect(results.notListed).toEqual([
      {
        listId: 'a',
        at: [0, 2],
        address: [0, 1],
        rcode: [0, 0],
        rcodes: ['NXDOMAIN'],
        ttl: [300, null],
        elapsedMs: [12, 9],
      },
    ]);
  });

  test('refuses to expand stored results with a gap, a place used twice, or no address', () => {
    const run = blocklistRun({
      addresses,
      results: [result('192.0.2.1', 'a', 'not-listed'), result('192.0.2.2', 'a', 'not-listed')],
    });
    const stored = compactRun(run);
    const columns = stored.results.notListed[0]!;
    const broken = (change: (s: typeof stored) => void) => {
      const copy = structuredClone(stored);
      change(copy);
      return () => expandRun(copy as never);
    };
    expect(broken((s) => (s.results.count = 3))).toThrow(/stored result 2 is missing/);
    expect(broken((s) => (s.results.notListed[0]!.at = [0, 0]))).toThrow(/share place 0/);
    expect(broken((s) => (s.results.notListed[0]!.address = [0, 7]))).toThrow(/names no address/);
    expect(broken((s) => (s.results.count = 1e9))).toThrow(/out of range/);
    expect(columns.at).toEqual([0, 1]);
  });
});
