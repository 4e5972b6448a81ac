import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newAssessment } from '../../src/lib/model/assessment';
import {
  CURRENT_SCHEMA_VERSION,
  checkImportSize,
  MAX_IMPORT_BYTES,
  parseDocumentText,
  readProblem,
  storedSchemaVersion,
  toDocument,
} from '../../src/lib/model/document';
import { jsonExport } from '../../src/lib/report/io/exports';
import { readAssessmentFile } from '../../src/lib/assessment/io/files';
import { answer } from '../fixtures/catalogue';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';

const now = new Date('2026-11-28T12:00:00Z');

function sample() {
  const a = newAssessment({ id: 'doc-1', now, catalogueVersion: '2026.1' });
  return {
    ...a,
    profile: {
      ...a.profile,
      organisation: 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr',
      serviceModel: 'own' as const,
    },
    answers: {
      'no-relay': answer('implemented', { notes: '<script>alert(1)</script>' }),
      baseline: answer('not-implemented', { owner: 'Ops', targetDate: '2027-03-01' }),
    },
  };
}

describe('reading documents', () => {
  test('a document written by this version reads back identical', () => {
    const text = JSON.stringify(toDocument(sample(), now));
    const result = parseDocumentText(text);
    expect(result).toEqual({ ok: true, document: toDocument(sample(), now) });
  });

  test('an empty file is refused with a message saying so', () => {
    expect(parseDocumentText('   ')).toEqual({ ok: false, reason: 'The file is empty.' });
  });

  test('a truncated file is reported as cut short', () => {
    const text = JSON.stringify(toDocument(sample(), now));
    const result = parseDocumentText(text.slice(0, text.length / 2));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/cut short \(truncated\)/);
  });

  test("plain words first: the parser's and the schema's words are the detail, not the reason", () => {
    const text = JSON.stringify(toDocument(sample(), now));
    const cut = parseDocumentText(text.slice(0, text.length / 2));
    expect(!cut.ok && cut.reason).not.toMatch(/JSON|position|Unexpected/);
    expect(!cut.ok && cut.detail).toMatch(/^The JSON parser said: /);

    const doc = toDocument(sample(), now);
    const damaged = parseDocumentText(
      JSON.stringify({ ...doc, assessment: { ...doc.assessment, id: 7, step: 8 } }),
    );
    expect(!damaged.ok && damaged.reason).toBe(
      'The file is damaged: 2 fields do not hold what this app writes, so it was changed by hand or by another program.',
    );
    expect(!damaged.ok && damaged.detail).toMatch(/assessment\.id: Invalid input: expected string/);
    expect(!damaged.ok && readProblem(damaged)).toMatch(/by another program\. \(assessment\.id: /);
  });

  test("a JSON file of someone else's is refused as not ours", () => {
    const result = parseDocumentText(JSON.stringify({ name: 'package', version: '1.0.0' }));
    expect(!result.ok && result.reason).toMatch(/not a Mail Security Self-Assessment file/);
  });

  test('a file from a newer version is refused, naming both versions', () => {
    const doc = { ...toDocument(sample(), now), schemaVersion: CURRENT_SCHEMA_VERSION + 1 };
    const result = parseDocumentText(JSON.stringify(doc));
    expect(!result.ok && result.reason).toMatch(
      new RegExp(`newer version of this app \\(schema ${CURRENT_SCHEMA_VERSION + 1}\\)`),
    );
  });

  test('a damaged answer is reported with where it is', () => {
    const doc = toDocument(sample(), now) as unknown as {
      assessment: { answers: Record<string, { status: string }> };
    };
    doc.assessment.answers['no-relay']!.status = 'maybe';
    const result = parseDocumentText(JSON.stringify(doc));
    expect(!result.ok && result.reason).toMatch(/^The file is damaged: one field does not hold/);
    expect(!result.ok && result.detail).toMatch(/^assessment\.answers\.no-relay\.status: /);
  });

  test('size limits are checked before reading', () => {
    expect(checkImportSize(0)).toBe('The file is empty.');
    expect(checkImportSize(MAX_IMPORT_BYTES + 1)).toMatch(/at most 50\.0 MB/);
    expect(checkImportSize(2048)).toBeUndefined();
  });

  test('an export with a full block-list run (1,024 addresses on 19 lists) imports back', async () => {
    const addresses = Array.from({ length: 1024 }, (_, i) => `198.51.${100 + (i >> 8)}.${i & 255}`);
    const lists = Array.from({ length: 19 }, (_, i) => runList(`list-${i}`));
    const results = addresses.flatMap((address, i) =>
      lists.map((list, j) =>
        (i + j) % 97 === 0
          ? listedResult(
              address,
              list.id,
              `Listed for spam sent from ${address}; see the lookup page`,
            )
          : result(address, list.id, 'not-listed', { rcode: 'NXDOMAIN', ttl: 900, elapsedMs: 42 }),
      ),
    );
    const assessment = {
      ...sample(),
      lookup: {
        settings: sample().lookup.settings,
        lastRun: blocklistRun({ addresses, lists, results }),
      },
    };
    // Through the app's own export (pretty JSON with its digest) and its own file import.
    const exported = await jsonExport(assessment, now);
    const file = new File([exported.content], exported.fileName, { type: exported.type });
    expect(file.size).toBeGreaterThan(5 * 1024 * 1024);
    const read = await readAssessmentFile(file);
    expect(read.ok && read.document.assessment.lookup.lastRun?.results).toHaveLength(1024 * 19);
    expect(read.ok && read.document.assessment).toEqual(assessment);
  });

  test('an oversized file is refused in words, naming its size and the limit', () => {
    expect(checkImportSize(60 * 1024 * 1024)).toBe(
      'The file is 60.0 MB; an assessment export is at most 50.0 MB. It is not an export of this app.',
    );
  });

  test('any text at all gets an answer, never an exception', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseDocumentText(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      }),
    );
  });

  test('any truncation of a valid export is refused with a reason', () => {
    const text = JSON.stringify(toDocument(sample(), now));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), (cut) => {
        const result = parseDocumentText(text.slice(0, cut));
        expect(result.ok).toBe(false);
      }),
    );
  });

  test('any JSON value that is not a whole document is refused, not half-accepted', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseDocumentText(JSON.stringify(value)).ok).toBe(false);
      }),
    );
  });
});

describe('migrations', () => {
  test('a version 1 file (before sign-off and block-list checks) upgrades with nothing lost', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../fixtures/assessment-v1.json', import.meta.url), 'utf8');
    const original = JSON.parse(text);
    const result = parseDocumentText(text);
    if (!result.ok) throw new Error(result.reason);
    expect(result.migratedFrom).toBe(1);
    const { assessment } = result.document;
    expect(assessment.profile).toEqual(original.assessment.profile);
    expect(assessment.answers).toEqual(original.assessment.answers);
    expect(assessment.step).toBe('filtering');
    expect(assessment.signOff).toEqual({ name: '', role: '', date: '' });
    expect(assessment.lookup.settings.resolver).toBe('cloudflare');
    expect(assessment.lookup.lastRun).toBeUndefined();
  });

  test('a damaged version 1 file is refused after migration, with the reason', () => {
    const doc = { format: 'mail-security-self-assessment', schemaVersion: 1, savedAt: 'x' };
    const result = parseDocumentText(JSON.stringify(doc));
    expect(!result.ok && result.reason).toMatch(/damaged/);
  });
});

describe('the stored schema version', () => {
  test('is read from the start of a document as this app writes it', () => {
    expect(storedSchemaVersion(JSON.stringify(toDocument(sample(), now)))).toBe(
      CURRENT_SCHEMA_VERSION,
    );
    expect(storedSchemaVersion('{"format":"x","schemaVersion": 7 ,"assessment":{}}')).toBe(7);
  });

  test('is found wherever it is in a document laid out otherwise', () => {
    const padding = 'x'.repeat(10_000);
    expect(storedSchemaVersion(JSON.stringify({ padding, schemaVersion: 9 }))).toBe(9);
  });

  test('cannot be faked by text inside a string, and is undefined when absent or not JSON', () => {
    const fake = JSON.stringify({ note: '"schemaVersion":99,', schemaVersion: 2 });
    expect(storedSchemaVersion(fake)).toBe(2);
    expect(storedSchemaVersion(JSON.stringify({ note: '"schemaVersion":99}' }))).toBeUndefined();
    expect(storedSchemaVersion('not json')).toBeUndefined();
    expect(storedSchemaVersion('{"schemaVersion":"3"}')).toBeUndefined();
  });
});
