// @vitest-environment jsdom
// Scans stored with the assessment: schema 3, the migration from 2, and the export digest.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { readNmapXml } from '../../src/lib/scans/io/read-nmap-xml';
import { toEvidence } from '../../src/lib/scans/domain/evidence';
import { canonicalJson } from '../../src/lib/assessment/canonical';
import {
  CURRENT_SCHEMA_VERSION,
  parseDocumentText,
  toDocument,
} from '../../src/lib/model/document';
import { wizardMachine, currentStep, stepIds } from '../../src/lib/checklist/wizard.machine';
import type { ScanEvidence } from '../../src/lib/model/scan-evidence';
import { assessmentWith } from '../fixtures/assessment';
import { testCatalogue } from '../fixtures/catalogue';

const xml = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'scans', 'loopback-sv.xml'),
  'utf8',
);

function scan(): ScanEvidence {
  const read = readNmapXml(xml);
  if (!read.ok) throw new Error(read.reason);
  const result = toEvidence(read.scan, {
    id: 'scan-1',
    fileName: 'outside-view.xml',
    sha256: 'd'.repeat(64),
    bytes: xml.length,
    importedAt: '2026-11-30T12:00:00.000Z',
    vantage: 'outside',
  });
  if (!result.ok) throw new Error(result.reason);
  return result.evidence;
}

describe('scans in the stored document', () => {
  test('scans came with schema 3, and a version-2 file imports with no scans', () => {
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const v2 = {
      ...toDocument(assessmentWith(), new Date('2026-11-30T12:00:00Z')),
      schemaVersion: 2,
    };
    const withoutScans: Record<string, unknown> = { ...v2.assessment };
    delete withoutScans.scans;
    const read = parseDocumentText(JSON.stringify({ ...v2, assessment: withoutScans }));
    expect(read).toMatchObject({ ok: true, migratedFrom: 2 });
    expect(read.ok && read.document.assessment.scans).toEqual([]);
  });

  test('a scan survives export and import exactly', () => {
    const assessment = { ...assessmentWith(), scans: [scan()] };
    const text = JSON.stringify(toDocument(assessment, new Date('2026-11-30T12:00:00Z')));
    const read = parseDocumentText(text);
    expect(read.ok && read.document.assessment.scans).toEqual([scan()]);
  });

  test('without scans the digest content is exactly what schema 2 hashed, so older exports still verify', () => {
    const text = canonicalJson(assessmentWith());
    expect(text).toContain('"schemaVersion":2');
    expect(text).not.toContain('"scans"');
  });

  test('the digest covers every scan: its file digest, vantage point and results', () => {
    const one = scan();
    const base = canonicalJson({ ...assessmentWith(), scans: [one] });
    expect(base).toContain('"schemaVersion":3');
    expect(base).toContain(one.sha256);
    expect(canonicalJson({ ...assessmentWith(), scans: [{ ...one, vantage: 'inside' }] })).not.toBe(
      base,
    );
    const changed = structuredClone(one);
    changed.hosts[0]!.ports[0]!.state = 'filtered';
    expect(canonicalJson({ ...assessmentWith(), scans: [changed] })).not.toBe(base);
  });

  test('the wizard adds, re-labels and removes scans, and has a scan step before the review', () => {
    const actor = createActor(wizardMachine, {
      input: { catalogue: testCatalogue, assessment: assessmentWith() },
    }).start();
    const ids = stepIds(testCatalogue);
    expect(ids.indexOf('scans')).toBe(ids.indexOf('review') - 1);
    actor.send({ type: 'scans.add', scan: scan() });
    expect(actor.getSnapshot().context.assessment.scans).toHaveLength(1);
    actor.send({ type: 'scans.vantage', id: 'scan-1', vantage: 'inside' });
    expect(actor.getSnapshot().context.assessment.scans[0]!.vantage).toBe('inside');
    actor.send({ type: 'scans.remove', id: 'scan-1' });
    expect(actor.getSnapshot().context.assessment.scans).toEqual([]);
    actor.send({ type: 'wizard.goto', step: 'scans' });
    expect(currentStep(actor.getSnapshot().context).kind).toBe('scans');
  });
});

describe('saving an assessment with scans', () => {
  test('a scan not yet checked is checked against the schema before it is written', async () => {
    const { recordFor } = await import('../../src/lib/assessment/io/records');
    const broken = { ...scan(), sha256: 'not a digest' };
    const result = recordFor(
      { ...assessmentWith(), scans: [broken] },
      new Date('2026-11-30T12:00:00Z'),
    );
    expect(result.ok).toBe(false);
  });

  test('a scan checked once (at import) is not checked host by host again, and is written as it is', async () => {
    const { recordFor } = await import('../../src/lib/assessment/io/records');
    const { rememberCheckedScan } = await import('../../src/lib/model/scan-evidence');
    const imported = scan();
    rememberCheckedScan(imported);
    const result = recordFor(
      { ...assessmentWith(), scans: [imported] },
      new Date('2026-11-30T12:00:00Z'),
    );
    const written = result.ok
      ? (result.record.document as { assessment: { scans: unknown[] } }).assessment.scans
      : undefined;
    expect(written).toEqual([imported]);
    // A scan that fails the schema but is (wrongly) marked checked shows the skip is real.
    const marked = { ...imported, sha256: 'not a digest' };
    rememberCheckedScan(marked);
    expect(
      recordFor({ ...assessmentWith(), scans: [marked] }, new Date('2026-11-30T12:00:00Z')).ok,
    ).toBe(true);
  });
});
