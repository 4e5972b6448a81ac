import { describe, expect, test } from 'vitest';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { compareAssessments } from '../../src/lib/report/comparison';
import { comparisonReport } from '../../src/lib/report/comparison-wording';
import { answer, testCatalogue } from '../fixtures/catalogue';

function assessment(
  id: string,
  answers: Assessment['answers'],
  change: Partial<Assessment> = {},
): Assessment {
  const base = newAssessment({
    id,
    now: new Date('2026-11-28T09:00:00Z'),
    catalogueVersion: testCatalogue.version,
  });
  return {
    ...base,
    profile: {
      ...base.profile,
      organisation: 'Coleg Gŵyr',
      assessmentDate: id === 'then' ? '2025-11-20' : '2026-11-28',
      serviceModel: 'own',
    },
    answers,
    ...change,
  };
}

const lastYear = () =>
  assessment('then', {
    'no-relay': answer('not-implemented', { owner: 'Mail team', targetDate: '2026-03-01' }),
    'relay-tested': answer('implemented'),
    'port-25-out': answer('partial', { owner: 'Network team', targetDate: '2026-06-30' }),
    dnsbl: answer('implemented'),
    baseline: answer('implemented'),
    plan: answer('implemented'),
  });

const compare = (current: Assessment, previous: Assessment = lastYear(), today = '2026-11-28') =>
  compareAssessments({ catalogue: testCatalogue, current, previous, today });

describe('this year against last year', () => {
  test('one answer changed and one finding closed: exactly that, nothing else', () => {
    const now = lastYear();
    now.answers['no-relay'] = answer('implemented', { notes: 'Closed in March' });
    const c = compare(now);
    expect(c.changed).toEqual([
      expect.objectContaining({
        controlId: 'no-relay',
        then: 'Not implemented',
        now: 'Implemented',
      }),
    ]);
    expect(c.closed.map((f) => f.title)).toEqual(['Control no-relay']);
    expect(c.opened).toEqual([]);
    expect(c.onlyThen).toEqual([]);
    expect(c.onlyNow).toEqual([]);
  });

  test('a changed note, owner or date is not a changed answer', () => {
    const now = lastYear();
    now.answers['port-25-out'] = answer('partial', { owner: 'Someone else', notes: 'more' });
    expect(compare(now).changed).toEqual([]);
  });

  test('a finding opened, and an action still open after its date is overdue, carried over', () => {
    const now = lastYear();
    now.answers.baseline = answer('unknown');
    const c = compare(now);
    expect(c.opened.map((f) => f.title)).toEqual(['Control baseline']);
    expect(c.changed.map((x) => [x.then, x.now])).toEqual([['Implemented', "Don't know"]]);
    // The relay (due 1 March) and port 25 (due 30 June) are still open on 28 November.
    expect(c.overdue.map((f) => [f.title, f.targetDate, f.carried])).toEqual([
      ['Control no-relay', '2026-03-01', true],
      ['Control port-25-out', '2026-06-30', true],
    ]);
    expect(compare(now, lastYear(), '2026-03-01').overdue).toEqual([]);
  });

  test('scores per section then and now, and both overall scores', () => {
    const now = lastYear();
    now.answers['no-relay'] = answer('implemented');
    const c = compare(now);
    const relays = c.sections.find((s) => s.id === 'relays')!;
    // MUST 3 + SHOULD 2: then 2 of 5 (40%), now 5 of 5.
    expect([relays.then, relays.now]).toEqual([40, 100]);
    const report = comparisonReport(c);
    expect(report.scores[0]).toEqual({
      title: 'Relays',
      then: '40%',
      now: '100%',
      change: 'Up 60 points',
    });
    expect(report.scores.map((s) => s.title).slice(-2)).toEqual([
      'Against the guidance',
      'With good practice beyond it',
    ]);
    expect(report.trend).toMatch(
      /^Since the assessment of Coleg Gŵyr dated 20 November 2025 \(checklist 2026\.1\): score against the guidance 64% then, 91% now; 1 finding closed, 0 findings opened, 1 action now overdue\.$/,
    );
  });

  test('against an older checklist version: compared where ids match, the rest listed, not counted', () => {
    const previous = lastYear();
    previous.catalogueVersion = '2025.2';
    delete previous.answers.plan;
    previous.answers['old-control'] = answer('not-implemented');
    const now = lastYear();
    now.answers.plan = answer('not-implemented');
    now.answers['no-relay'] = answer('implemented');
    const c = compare(now, previous);
    expect(c.versionsDiffer).toBe(true);
    expect(c.onlyThen).toEqual([{ controlId: 'old-control', then: 'Not implemented' }]);
    expect(c.onlyNow.map((x) => x.controlId)).toEqual(['plan']);
    // "plan" is new: neither a changed answer nor an opened finding.
    expect(c.changed.map((x) => x.controlId)).toEqual(['no-relay']);
    expect(c.opened).toEqual([]);
    // A control no longer in the checklist is not a closed finding either.
    expect(c.closed.map((f) => f.title)).toEqual(['Control no-relay']);
    const report = comparisonReport(c);
    expect(report.versionNote).toMatch(/checklist 2025\.2, this one against 2026\.1/);
    expect(report.onlyThen[0]).toEqual({
      title: 'old-control',
      detail: 'Answered Not implemented then; not in checklist 2026.1',
    });
  });

  test('the same assessment compared with itself: nothing changed, and the words say so', () => {
    const c = compare(lastYear());
    expect([c.changed, c.closed, c.opened]).toEqual([[], [], []]);
    const report = comparisonReport(c);
    expect(report.none.changed).toBe('No answer changed.');
    expect(report.scores.every((s) => s.change === 'No change' || s.change === '')).toBe(true);
  });
});
