import { describe, expect, test } from 'vitest';
import { jsonExport, verifyExportFile } from '../../src/lib/report/io/exports';
import { normalisePrintedDigest } from '../../src/lib/report/verify';
import { parseDocumentText } from '../../src/lib/model/document';
import { reportAssessment } from '../fixtures/report-assessment';

const now = new Date('2026-11-30T12:00:00Z');

async function exported() {
  const file = await jsonExport(reportAssessment({ organisation: 'Coleg Gŵyr' }), now);
  return { ...file, text: String(file.content) };
}

describe('JSON export with its digest, and verification', () => {
  test('the export carries a SHA-256 digest of its content and verifies against it', async () => {
    const { text, fileName } = await exported();
    const document = JSON.parse(text) as { integrity: { algorithm: string; digest: string } };
    expect(document.integrity.algorithm).toBe('SHA-256');
    expect(document.integrity.digest).toMatch(/^[0-9a-f]{64}$/);
    const outcome = await verifyExportFile(new File([text], fileName), document.integrity.digest);
    expect(outcome).toMatchObject({
      ok: true,
      organisation: 'Coleg Gŵyr',
      verification: {
        computed: document.integrity.digest,
        embedded: { kind: 'match' },
        printed: { kind: 'match' },
      },
    });
  });

  test('re-indenting the file or reordering its keys does not break verification', async () => {
    const { text } = await exported();
    const compact = JSON.stringify(JSON.parse(text));
    const outcome = await verifyExportFile(new File([compact], 'compact.json'), '');
    expect(outcome.ok && outcome.verification.embedded.kind).toBe('match');
  });

  test('a changed answer no longer matches the digest in the file', async () => {
    const { text } = await exported();
    const changed = text.replace('"status": "implemented"', '"status": "partial"');
    const outcome = await verifyExportFile(new File([changed], 'changed.json'), '');
    expect(outcome.ok && outcome.verification.embedded.kind).toBe('mismatch');
  });

  test('a damaged file gets the same message an import would give', async () => {
    const { text } = await exported();
    const cut = text.slice(0, 200);
    const asImport = parseDocumentText(cut);
    expect(asImport.ok).toBe(false);
    const outcome = await verifyExportFile(new File([cut], 'cut.json'), '');
    expect(outcome).toEqual({
      ok: false,
      reason: `cut.json could not be read. ${asImport.ok ? '' : asImport.reason}`,
      detail: asImport.ok ? undefined : asImport.detail,
    });
    expect(!outcome.ok && outcome.detail).toMatch(/^The JSON parser said: /);
  });

  test('a mistyped printed digest is refused before the file is read', async () => {
    const outcome = await verifyExportFile(new File(['{}'], 'x.json'), '1234');
    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringMatching(/^The digest entered is not usable\. A SHA-256 digest is 64/),
    });
  });
});

describe('the digest as typed or pasted from the report', () => {
  const digest = '3f5a'.repeat(16);

  test.each([
    ['the line as the PDF prints it', `SHA-256 ${digest}`],
    ['a sha256: prefix, as checksum tools write it', `sha256:${digest}`],
    ['upper case', digest.toUpperCase()],
    ['upper case with its label', `SHA-256 ${digest.toUpperCase()}`],
    ['split over lines with spaces', `SHA-256\n${digest.slice(0, 32)}\n  ${digest.slice(32)} `],
    ['the bare digest', digest],
  ])('%s is read as the same digest', (_what, typed) => {
    expect(normalisePrintedDigest(typed)).toEqual({ ok: true, digest });
  });

  test('a label alone or a truncated digest is refused with the reason', () => {
    const empty = normalisePrintedDigest('SHA-256');
    expect(empty).toMatchObject({ ok: false, reason: expect.stringMatching(/has 0 characters/) });
    const short = normalisePrintedDigest(`SHA-256 ${digest.slice(0, 10)}`);
    expect(short).toMatchObject({ ok: false, reason: expect.stringMatching(/has 10 characters/) });
  });

  test('the line copied from the PDF verifies the export it was printed from', async () => {
    const { text, fileName } = await exported();
    const { integrity } = JSON.parse(text) as { integrity: { digest: string } };
    const pasted = `SHA-256 ${integrity.digest.slice(0, 40).toUpperCase()}\n${integrity.digest.slice(40)}`;
    const outcome = await verifyExportFile(new File([text], fileName), pasted);
    expect(outcome.ok && outcome.verification.printed).toEqual({
      kind: 'match',
      digest: integrity.digest,
    });
  });
});
