import { describe, expect, test } from 'vitest';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { computeResults } from '../../src/lib/checklist/results';
import { buildReportModel } from '../../src/lib/report/model';
import { platformsFor } from '../../src/lib/report/audit';
import { reportReference, severityOf } from '../../src/lib/report/wording';
import { reportFindings } from '../../src/lib/report/findings';
import { reportAssessment } from '../fixtures/report-assessment';

const digest = 'ab12cd34'.padEnd(64, '0');

function model(choices = { classification: ' OFFICIAL ', distribution: 'Board\n\n  CSIRT ' }) {
  const assessment = reportAssessment({ organisation: 'Coleg Gŵyr' });
  const results = computeResults(defaultCatalogue, assessment);
  return {
    assessment,
    results,
    model: buildReportModel({
      catalogue: defaultCatalogue,
      assessment,
      results,
      digest,
      exportedAt: new Date('2026-11-30T12:00:00Z'),
      choices,
    }),
  };
}

describe('the parts an auditor files the report by', () => {
  test('document control: a reference from the digest, the marking and distribution as chosen', () => {
    const { documentControl } = model().model;
    expect(reportReference(digest)).toBe('MSA-AB12-CD34');
    expect(documentControl).toMatchObject({
      reference: 'MSA-AB12-CD34',
      classification: 'OFFICIAL',
      distribution: ['Board', 'CSIRT'],
      issued: '30 November 2026 at 12:00 UTC',
    });
    expect(documentControl.version).toMatch(/^Draft/);
  });

  test('severity follows the stated rule', () => {
    const { assessment, results } = model();
    const findings = reportFindings(defaultCatalogue, assessment, results);
    for (const finding of findings) {
      const severity = severityOf(finding);
      if (finding.kind === 'control' && finding.level === 'MUST') {
        expect(severity).toBe(finding.status === 'unknown' ? 'Medium' : 'High');
      }
      if (finding.level === 'MAY') expect(severity).toBe('Low');
    }
    expect(findings.some((f) => severityOf(f) === 'High')).toBe(true);
  });

  test('without the guidance texts a finding still has its condition and says no fix is given', () => {
    const written = model().model.writtenFindings;
    expect(written.length).toBeGreaterThan(0);
    expect(written[0]!.condition).toMatch(/^Answered "Not implemented"\. Evidence notes: /);
    expect(written[0]!.recommendation).toMatch(/no platform-specific fix/);
  });

  test('a hosted service is recommended hosted fixes, not Postfix', () => {
    expect(platformsFor('hosted').has('hosted')).toBe(true);
    expect(platformsFor('hosted').has('postfix')).toBe(false);
    expect(platformsFor('own').has('postfix')).toBe(true);
  });

  test('with no tested evidence, everything rests on the assessor', () => {
    const { scopeAndCriteria, evidenceIndex } = model().model;
    expect(scopeAndCriteria.tested).toEqual([]);
    expect(scopeAndCriteria.evidenceBasis).toMatch(/rest on the assessor's statement/);
    expect(evidenceIndex.some((e) => e.reference === 'TICKET-1000')).toBe(true);
  });
});
