import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sha256Hex } from '../../src/lib/assessment/io/digest';
import { runDigest } from '../../src/lib/assessment/io/run-digest';
import { jsonExport } from '../../src/lib/report/io/exports';
import { blocklistRun, reportAssessment } from '../fixtures/report-assessment';

describe('sha256Hex', () => {
  test('gives the FIPS 180-2 test vector for "abc"', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('hashes the UTF-8 bytes, so Welsh and Greek text hash as any other tool would', async () => {
    const text = 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr · Αθήνα';
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('the evidence index hash of a block-list run', () => {
  /** RFC 8785 for what a run holds (strings, integers, booleans): keys sorted at every depth. */
  function sortedJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
  }

  test('can be recomputed from the exported file alone, whatever its indentation', async () => {
    const assessment = reportAssessment({ run: blocklistRun(20, 3) });
    const exported = await jsonExport(assessment, new Date('2026-11-30T10:00:00Z'));
    const fromFile = JSON.parse(exported.content as string).assessment.lookup.lastRun;
    const recomputed = createHash('sha256').update(sortedJson(fromFile), 'utf8').digest('hex');
    expect(await runDigest(assessment.lookup.lastRun!)).toBe(recomputed);
  });
});
