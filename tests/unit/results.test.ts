import { assessmentWith as sharedAssessmentWith } from '../fixtures/assessment';
import { describe, expect, test } from 'vitest';
import { type Answer, type Assessment } from '../../src/lib/model/assessment';
import { computeResults, LEVEL_WEIGHTS } from '../../src/lib/checklist/results';
import { answer, testCatalogue } from '../fixtures/catalogue';

/** With own mail servers unless another service model is given. */
function assessmentWith(
  answers: Record<string, Answer>,
  serviceModel: Assessment['profile']['serviceModel'] = 'own',
): Assessment {
  return sharedAssessmentWith(answers, serviceModel ? { serviceModel } : {});
}

const allImplemented = {
  'no-relay': answer('implemented'),
  'relay-tested': answer('implemented'),
  'port-25-out': answer('implemented'),
  dnsbl: answer('implemented'),
  baseline: answer('implemented'),
  plan: answer('implemented'),
};

describe('verdict', () => {
  test('meets the requirements when every applicable MUST is implemented, even with SHOULD gaps', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('implemented'), baseline: answer('implemented') }),
    );
    expect(results.verdict.verdict).toBe('meets');
  });

  test('is incomplete while a MUST is unanswered and none has failed', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('implemented') }),
    );
    expect(results.verdict.verdict).toBe('incomplete');
    expect(results.verdict.unansweredMusts.map((r) => r.control.id)).toEqual(['baseline']);
  });

  test.each(['partial', 'not-implemented'] as const)(
    'a MUST answered "%s" does not meet the requirements, even with other MUSTs unanswered',
    (status) => {
      const results = computeResults(testCatalogue, assessmentWith({ 'no-relay': answer(status) }));
      expect(results.verdict.verdict).toBe('does-not-meet');
      expect(results.verdict.failingMusts.map((r) => r.control.id)).toEqual(['no-relay']);
    },
  );

  test('a MUST answered "Don\'t know" cannot be confirmed: neither met nor failed', () => {
    const unsure = { 'no-relay': answer('unknown') };
    // While another MUST is unanswered, the assessment is incomplete first.
    expect(computeResults(testCatalogue, assessmentWith(unsure)).verdict.verdict).toBe(
      'incomplete',
    );
    const results = computeResults(
      testCatalogue,
      assessmentWith({ ...unsure, baseline: answer('implemented') }),
    );
    expect(results.verdict.verdict).toBe('cannot-be-confirmed');
    expect(results.verdict.unknownMusts.map((r) => r.control.id)).toEqual(['no-relay']);
    expect(results.verdict.failingMusts).toEqual([]);
  });

  test('a MUST the assessor declares not applicable is named, and keeps the verdict from "meets"', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({
        'no-relay': answer('not-applicable', { naReason: 'We run no mail server at all' }),
        baseline: answer('implemented'),
      }),
    );
    expect(results.verdict.verdict).toBe('cannot-be-confirmed');
    expect(results.verdict.declaredNotApplicableMusts.map((r) => r.control.id)).toEqual([
      'no-relay',
    ]);
    // By profile is not a declaration: it follows from the service model, shown with its reason.
    const hosted = computeResults(
      testCatalogue,
      assessmentWith({ baseline: answer('implemented') }, 'hosted'),
    );
    expect(hosted.verdict.declaredNotApplicableMusts).toEqual([]);
  });

  test('a MUST that is not applicable by profile does not block the verdict', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ baseline: answer('implemented') }, 'hosted'),
    );
    expect(results.verdict.verdict).toBe('meets');
  });

  test('"not applicable" without a reason is not an answer: the MUST stays unanswered', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('not-applicable'), baseline: answer('implemented') }),
    );
    expect(results.verdict.verdict).toBe('incomplete');
  });
});

describe('scores', () => {
  test('everything implemented scores 100 in every section', () => {
    const results = computeResults(testCatalogue, assessmentWith(allImplemented));
    expect(results.sections.map((s) => s.score)).toEqual([100, 100, 100]);
    expect(results.overall.score).toBe(100);
  });

  test('MUST weighs more than SHOULD: the same failure costs more on a MUST', () => {
    const mustFails = computeResults(
      testCatalogue,
      assessmentWith({ ...allImplemented, 'no-relay': answer('not-implemented') }),
    );
    const shouldFails = computeResults(
      testCatalogue,
      assessmentWith({ ...allImplemented, 'relay-tested': answer('not-implemented') }),
    );
    // relays: MUST(3) + SHOULD(2) = 5 possible.
    expect(mustFails.sections[0]?.score).toBe(Math.round((LEVEL_WEIGHTS.SHOULD / 5) * 100));
    expect(shouldFails.sections[0]?.score).toBe(Math.round((LEVEL_WEIGHTS.MUST / 5) * 100));
    expect(mustFails.sections[0]!.score!).toBeLessThan(shouldFails.sections[0]!.score!);
  });

  test('partial earns half; unanswered and "don\'t know" earn nothing', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('partial'), 'relay-tested': answer('unknown') }),
    );
    expect(results.sections[0]).toMatchObject({ earned: 1.5, possible: 5, score: 30 });
    expect(results.sections[1]).toMatchObject({ earned: 0, possible: 3, score: 0 });
  });

  test('a section where nothing applies has no score rather than 0 or 100', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({
        'no-relay': answer('not-applicable', { naReason: 'x' }),
        'relay-tested': answer('not-applicable', { naReason: 'y' }),
      }),
    );
    expect(results.sections[0]?.score).toBeNull();
  });

  test('progress counts answered of applicable, leaving out what the profile rules out', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith(
        { 'relay-tested': answer('implemented'), 'no-relay': answer('implemented') },
        'hosted',
      ),
    );
    expect(results.progress).toEqual({ answered: 1, applicable: 4 });
    expect(results.answerCounts['not-applicable-by-profile']).toBe(2);
  });
});

describe('remediation plan', () => {
  test('lists not implemented, partial and unknown answers, MUST first then by section', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({
        plan: answer('not-implemented'),
        'port-25-out': answer('partial'),
        'relay-tested': answer('unknown'),
        baseline: answer('not-implemented', { owner: 'Net team', targetDate: '2027-01-31' }),
        'no-relay': answer('implemented'),
        dnsbl: answer('not-applicable', { naReason: 'n/a' }),
      }),
    );
    expect(results.plan.map((f) => [f.control.level, f.control.id])).toEqual([
      ['MUST', 'baseline'],
      ['SHOULD', 'relay-tested'],
      ['SHOULD', 'port-25-out'],
      ['MAY', 'plan'],
    ]);
    expect(results.plan[0]?.answer.owner).toBe('Net team');
  });

  test('controls ruled out by the profile never appear in the plan', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('not-implemented') }, 'none'),
    );
    expect(results.plan).toEqual([]);
  });

  test('gaps list every applicable unanswered control', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ baseline: answer('implemented') }),
    );
    expect(results.gaps.map((g) => g.control.id)).toEqual([
      'no-relay',
      'relay-tested',
      'port-25-out',
      'dnsbl',
      'plan',
    ]);
  });
});
