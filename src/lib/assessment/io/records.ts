import type { Assessment } from '../../model/assessment';
import { isCheckedScan, MAX_SCANS, rememberCheckedScan } from '../../model/scan-evidence';
import {
  CURRENT_SCHEMA_VERSION,
  DocumentSchema,
  readDocument,
  toDocument,
} from '../../model/document';
import { describeIssues } from '../../shared/zod-issues';
import { describeError } from '../../shared/errors';
import { compactDocument, expandDocument } from '../compact-run';
import type { StoredAssessment } from './database';

/**
 * Turning an assessment into the record this browser stores, and a record back into an
 * assessment, with what can go wrong in words (shared by the store, the move from localStorage
 * and the journal of unsaved changes).
 */

export type StorageHealth =
  | { state: 'ok' }
  | { state: 'unavailable'; detail: string }
  | { state: 'full'; detail: string }
  /** The assessment failed its own schema: it was not written, the last saved copy stands. */
  | { state: 'invalid'; detail: string }
  /** A newer version of the app holds this assessment: it was neither overwritten nor deleted. */
  | { state: 'newer'; detail: string };

export interface QuarantinedEntry {
  key: string;
  /** The raw text exactly as it was stored, so it can be downloaded and recovered. */
  raw: string;
  reason: string;
}

export function healthOf(error: unknown): StorageHealth {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return { state: 'full', detail: describeError(error) };
  if (name === 'VersionError') {
    return {
      state: 'newer',
      detail:
        'A newer version of this app has upgraded the storage in this browser, so this version can no longer save to it. Reload the page to use the newer version; export this assessment first to keep what is on screen.',
    };
  }
  return { state: 'unavailable', detail: describeError(error) };
}

/** The record for an assessment, or the reason it must not be written. */
export function recordFor(
  assessment: Assessment,
  now: Date,
): { ok: true; record: StoredAssessment } | { ok: false; health: StorageHealth } {
  // Never write what the next load would refuse and quarantine: keep the last good copy.
  const full = toDocument(assessment, now);
  // Scans already checked (see isCheckedScan) are not checked again: only how many there are.
  const scans = assessment.scans;
  const known = scans.length <= MAX_SCANS && scans.every(isCheckedScan);
  const checked = DocumentSchema.safeParse(
    known ? { ...full, assessment: { ...full.assessment, scans: [] } } : full,
  );
  if (!checked.success) {
    return { ok: false, health: { state: 'invalid', detail: describeIssues(checked.error) } };
  }
  if (known) checked.data.assessment.scans = [...scans];
  else for (const scan of scans) rememberCheckedScan(scan);
  const document = compactDocument(checked.data);
  return {
    ok: true,
    record: {
      id: assessment.id,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      bytes: JSON.stringify(document).length,
      document,
    },
  };
}

/** Reads a stored record back into an assessment, or says why it cannot be read. */
export function readRecord(record: StoredAssessment): ReturnType<typeof readDocument> {
  let data: unknown;
  try {
    data = expandDocument(record.document);
  } catch (error) {
    return { ok: false, reason: `The stored data is damaged: ${describeError(error)}.` };
  }
  const result = readDocument(data);
  if (result.ok && result.document.assessment.id !== record.id) {
    return {
      ok: false,
      reason: `This record (${record.id}) holds assessment ${result.document.assessment.id}, so it was kept aside: download it to compare the two.`,
    };
  }
  return result;
}
