import { describe, expect, test } from 'vitest';
import { AnswerSchema, newAssessment, TEXT_LIMITS } from '../../src/lib/model/assessment';
import { CURRENT_SCHEMA_VERSION, parseDocumentText } from '../../src/lib/model/document';
import { canonicalJson } from '../../src/lib/assessment/canonical';
import { assessmentDigest } from '../../src/lib/assessment/io/digest';
import { jsonExport } from '../../src/lib/report/io/exports';
import { computeResults } from '../../src/lib/checklist/results';
import { buildReportModel } from '../../src/lib/report/model';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { NO_AGREED_ACTION } from '../../src/lib/report/wording';
import { answer } from '../fixtures/catalogue';

const now = new Date('2026-11-28T12:00:00Z');

function assessment() {
  const a = newAssessment({ id: 'resp-1', now, catalogueVersion: defaultCatalogue.version });
  return {
    ...a,
    profile: { ...a.profile, organisation: 'Coleg Gŵyr', serviceModel: 'own' as const },
    answers: {
      'no-open-relay': answer('not-implemented', { owner: 'Mail team', targetDate: '2027-03-01' }),
      'no-open-proxies': answer('partial', { owner: 'Network team' }),
    },
  };
}

describe('the management response (agreed action) per finding', () => {
  test('a schema-3 export, made before responses existed, imports and still verifies', async () => {
    const exported = await jsonExport(assessment(), now);
    const v3 = JSON.parse(exported.content as string) as Record<string, unknown>;
    v3.schemaVersion = 3;
    const read = parseDocumentText(JSON.stringify(v3));
    expect(read).toMatchObject({ ok: true, migratedFrom: 3 });
    if (!read.ok) return;
    expect(read.document.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(await assessmentDigest(read.document.assessment)).toBe(read.document.integrity?.digest);
    // Nothing was added to the answers: they hash as they always did.
    expect(canonicalJson(read.document.assessment)).toContain('"schemaVersion":2');
    expect(canonicalJson(read.document.assessment)).not.toContain('response');
  });

  test('a response is covered by the digest, and the content says schema 4', () => {
    const a = assessment();
    const base = canonicalJson(a);
    a.answers['no-open-relay'] = { ...a.answers['no-open-relay']!, response: 'Close it by March' };
    const withResponse = canonicalJson(a);
    expect(withResponse).not.toBe(base);
    expect(withResponse).toContain('"schemaVersion":4');
    expect(withResponse).toContain('Close it by March');
  });

  test('a response over the stated limit is refused by the schema, never cut', () => {
    const long = 'x'.repeat(TEXT_LIMITS.response + 1);
    expect(TEXT_LIMITS.response).toBe(2000);
    expect(AnswerSchema.safeParse({ status: 'partial', response: long }).success).toBe(false);
    const fits = AnswerSchema.safeParse({ status: 'partial', response: long.slice(1) });
    expect(fits.success && fits.data.response).toHaveLength(TEXT_LIMITS.response);
  });

  test('an exported file with a response reads back with it, exactly', async () => {
    const a = assessment();
    a.answers['no-open-relay'] = { ...a.answers['no-open-relay']!, response: 'Tîm: close it' };
    const read = parseDocumentText((await jsonExport(a, now)).content as string);
    expect(read.ok && read.document.assessment.answers['no-open-relay']?.response).toBe(
      'Tîm: close it',
    );
  });

  test('the report prints the agreed action beside the owner and date, or says none is recorded', () => {
    const a = assessment();
    a.answers['no-open-relay'] = {
      ...a.answers['no-open-relay']!,
      response: '  Relay closed on both gateways by 1 March  ',
    };
    const model = buildReportModel({
      catalogue: defaultCatalogue,
      assessment: a,
      results: computeResults(defaultCatalogue, a),
      digest: 'd'.repeat(64),
      exportedAt: now,
    });
    const relay = model.writtenFindings.find((f) => f.owner === 'Mail team')!;
    expect(relay.response).toBe('Relay closed on both gateways by 1 March');
    const proxies = model.writtenFindings.find((f) => f.owner === 'Network team')!;
    expect(proxies.response).toBe(NO_AGREED_ACTION);
    expect(model.findings.map((f) => f.responseText)).toContain(
      'Relay closed on both gateways by 1 March',
    );
    const detail = model.details.flatMap((s) => s.answers).find((d) => d.owner === 'Mail team');
    expect(detail?.response).toBe('Relay closed on both gateways by 1 March');
  });
});
