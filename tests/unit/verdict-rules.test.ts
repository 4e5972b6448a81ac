import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { computeResults } from '../../src/lib/checklist/results';
import { NOT_APPLICABLE_REFUSED } from '../../src/lib/checklist/control-state';
import { AnswerStatusSchema, type Answer, type AnswerStatus } from '../../src/lib/model/assessment';
import { allControls, ServiceModelSchema } from '../../src/lib/model/catalogue';
import { assessmentWith, answer } from '../fixtures/assessment';

/** The verdict against the shipped checklist: it never turns green by a wrong answer. */

const controls = allControls(defaultCatalogue).map(({ control }) => control);
const musts = controls.filter((c) => c.level === 'MUST');

describe('the verdict never claims more than the answers', () => {
  test('the shipped checklist has MUSTs, and every one covers every computer', () => {
    expect(musts.map((c) => c.id)).toEqual(['no-open-relay', 'no-open-proxies']);
    expect(musts.every((c) => c.coversEveryComputer && c.notApplicableWhen.length === 0)).toBe(
      true,
    );
  });

  test('a hosted college answering the MUSTs "not applicable" is not told it meets the requirements', () => {
    const notApplicable = answer('not-applicable', { naReason: 'We use Microsoft 365' });
    const results = computeResults(
      defaultCatalogue,
      assessmentWith(
        { 'no-open-relay': notApplicable, 'no-open-proxies': notApplicable },
        { serviceModel: 'hosted' },
      ),
    );
    expect(results.verdict.verdict).toBe('incomplete');
    expect(results.verdict.unansweredMusts.map((r) => r.control.id)).toEqual([
      'no-open-relay',
      'no-open-proxies',
    ]);
    for (const r of results.verdict.unansweredMusts) {
      expect(r.state).toMatchObject({ kind: 'unanswered', problem: NOT_APPLICABLE_REFUSED });
    }
  });

  test('"meets" only when every MUST is answered Implemented, whatever else is answered', () => {
    const anAnswer: fc.Arbitrary<Answer | undefined> = fc.oneof(
      fc.constant(undefined),
      fc
        .record({
          status: fc.constantFrom(...AnswerStatusSchema.options),
          naReason: fc.constantFrom('', 'We use Microsoft 365'),
        })
        .map(({ status, naReason }) => answer(status as AnswerStatus, { naReason })),
    );
    fc.assert(
      fc.property(
        fc.array(anAnswer, { minLength: controls.length, maxLength: controls.length }),
        fc.option(fc.constantFrom(...ServiceModelSchema.options), { nil: undefined }),
        (answers, serviceModel) => {
          const given = Object.fromEntries(
            controls.flatMap((c, i) => (answers[i] ? [[c.id, answers[i]]] : [])),
          );
          const results = computeResults(
            defaultCatalogue,
            assessmentWith(given, serviceModel ? { serviceModel } : {}),
          );
          const allImplemented = musts.every((c) => given[c.id]?.status === 'implemented');
          expect(results.verdict.verdict === 'meets').toBe(allImplemented);
          if (
            musts.some((c) => ['partial', 'not-implemented'].includes(given[c.id]?.status ?? ''))
          ) {
            expect(results.verdict.verdict).toBe('does-not-meet');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
