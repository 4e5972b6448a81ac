import { answer, assessmentWith as sharedAssessmentWith } from '../fixtures/assessment';
import { describe, expect, test } from 'vitest';
import { type Answer, type Assessment } from '../../src/lib/model/assessment';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { isOverdue, reportFindings } from '../../src/lib/report/findings';
import { buildReportModel } from '../../src/lib/report/model';
import { computeResults } from '../../src/lib/checklist/results';
import { listedResult, blocklistRun } from '../fixtures/blocklist-run';

const catalogue = defaultCatalogue;

/** With own mail servers, so every control applies. */
function assessmentWith(answers: Record<string, Answer>, extra: Partial<Assessment> = {}) {
  return sharedAssessmentWith(answers, { serviceModel: 'own', ...extra });
}

const answers = {
  'content-filtering': answer('not-implemented', { targetDate: '2026-11-27' }),
  'overload-alerts': answer('partial', { targetDate: '2026-11-28' }),
  'av-on-clients': answer('unknown', { targetDate: '2027-01-31' }),
  'mail-activity-baseline': answer('not-implemented'),
};

describe('overdue target dates', () => {
  test('a fix still open after its target date is overdue; one due today or later is not', () => {
    const a = assessmentWith(answers);
    const findings = reportFindings(catalogue, a, computeResults(catalogue, a));
    const overdue = Object.fromEntries(
      findings.map((f) => [
        f.kind === 'control' ? f.control.id : f.title,
        isOverdue(f, '2026-11-28'),
      ]),
    );
    expect(overdue).toMatchObject({
      'content-filtering': true,
      'overload-alerts': false,
      'av-on-clients': false,
      'mail-activity-baseline': false,
    });
  });

  test('the report marks the overdue findings as of the day of the export; listings never', () => {
    const base = assessmentWith(answers);
    const run = blocklistRun({ results: [listedResult('192.0.2.10', 'a')] });
    const a = { ...base, lookup: { ...base.lookup, lastRun: run } };
    const model = buildReportModel({
      catalogue,
      assessment: a,
      results: computeResults(catalogue, a),
      digest: 'ab'.repeat(32),
      // Midday, so the local date is 1 February 2027 in every time zone within ±11 hours.
      exportedAt: new Date('2027-02-01T12:00:00Z'),
    });
    const overdue = model.findings.filter((f) => f.overdue).map((f) => f.title);
    expect(overdue.sort()).toEqual(
      model.findings
        .filter((f) => f.kind === 'control' && f.answer.targetDate !== '')
        .map((f) => f.title)
        .sort(),
    );
    expect(overdue).toHaveLength(3);
    expect(model.findings.some((f) => f.kind === 'listing' && !f.overdue)).toBe(true);
  });
});
