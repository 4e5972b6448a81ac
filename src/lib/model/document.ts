import { z } from '../shared/zod';
import { describeIssues } from '../shared/zod-issues';
import { formatBytes, formatNumber } from '../shared/format';
import { AssessmentSchema, type Assessment } from './assessment';

/**
 * One document format for both browser storage and the exported JSON file, so both share the
 * same schema versions and the same migrations: an old autosave and an old export file are
 * upgraded by the same code.
 */

export const DOCUMENT_FORMAT = 'mail-security-self-assessment';
export const CURRENT_SCHEMA_VERSION = 4;
/**
 * The largest file an import reads. An export with a full block-list run (1,024 addresses on a
 * few dozen lists, each answer with its codes and reason) reaches several megabytes; anything far
 * larger than that is not ours.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * An exported file's integrity digest (see src/lib/assessment/canonical.ts for what it covers).
 * Only exports carry it; the digest text is not checked here, so a file with an altered digest
 * still reads and the Verify feature can say it does not match.
 */
export const IntegritySchema = z.object({
  algorithm: z.literal('SHA-256'),
  digest: z.string().check(z.maxLength(200)),
  covers: z.string().check(z.maxLength(500)),
});

export const DocumentSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  savedAt: z.iso.datetime(),
  assessment: AssessmentSchema,
  integrity: z.optional(IntegritySchema),
});
export type AssessmentDocument = z.infer<typeof DocumentSchema>;

/**
 * migrations[n] upgrades a version-n document (as plain JSON) to version n+1. Each is kept for
 * ever: a file exported years ago must still import.
 */
export const migrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> =
  {
    // Version 2 added the sign-off block and the block-list lookup state.
    1: (doc) => {
      const assessment = isRecord(doc.assessment) ? doc.assessment : {};
      return {
        ...doc,
        assessment: {
          ...assessment,
          signOff: { name: '', role: '', date: '' },
          lookup: { settings: { resolver: 'cloudflare', customResolverUrl: '', customLists: [] } },
        },
      };
    },
    // Version 3 added the imported network scans.
    2: (doc) => {
      const assessment = isRecord(doc.assessment) ? doc.assessment : {};
      return { ...doc, assessment: { ...assessment, scans: [] } };
    },
    // Version 4 added the management response per answer and the approver's sign-off. Both are
    // optional and absent from older files, which therefore need no change: their content, and
    // so the digest printed on their reports, stays exactly as it was.
    3: (doc) => doc,
  };

export function toDocument(assessment: Assessment, now: Date): AssessmentDocument {
  return {
    format: DOCUMENT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    savedAt: now.toISOString(),
    assessment,
  };
}

export type ReadResult =
  | { ok: true; document: AssessmentDocument; migratedFrom?: number }
  /**
   * `reason`: what is wrong, in plain words. `detail`: what the JSON parser or the schema said,
   * for whoever wants it (shown on demand, never instead of the reason). `newerVersion`: written
   * by a newer version of the app; valid there, unreadable here.
   */
  | { ok: false; reason: string; detail?: string; newerVersion?: number };

/** A failed read in one line, where there is no room to show the detail on demand. */
export function readProblem(result: { reason: string; detail?: string }): string {
  return result.detail ? `${result.reason} (${result.detail})` : result.reason;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a document already parsed from JSON: checks it is ours, migrates it, validates it. */
export function readDocument(data: unknown): ReadResult {
  if (!isRecord(data) || data.format !== DOCUMENT_FORMAT) {
    return {
      ok: false,
      reason:
        'This is not a Mail Security Self-Assessment file: it does not say it is one ' +
        `(no "format": "${DOCUMENT_FORMAT}" field).`,
    };
  }
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      reason: 'The file is damaged: its schema version is missing or not a number.',
    };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `The file was saved by a newer version of this app (schema ${version}); this version reads up to schema ${CURRENT_SCHEMA_VERSION}. Open it with the newer version.`,
      newerVersion: version,
    };
  }
  let doc: Record<string, unknown> = data;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v += 1) {
    const migrate = migrations[v];
    if (!migrate)
      return { ok: false, reason: `No migration from schema ${v}: please report this.` };
    doc = { ...migrate(doc), schemaVersion: v + 1 };
  }
  const parsed = DocumentSchema.safeParse(doc);
  if (!parsed.success) {
    const count = parsed.error.issues.length;
    return {
      ok: false,
      reason: `The file is damaged: ${count === 1 ? 'one field does' : `${formatNumber(count)} fields do`} not hold what this app writes, so it was changed by hand or by another program.`,
      detail: describeIssues(parsed.error),
    };
  }
  return version < CURRENT_SCHEMA_VERSION
    ? { ok: true, document: parsed.data, migratedFrom: version }
    : { ok: true, document: parsed.data };
}

/**
 * The schema version stored document text says it has, or undefined when it names none. Read from
 * the first few kilobytes where this app writes it (a document with a block-list run is megabytes,
 * and saving checks this each time); only text laid out otherwise is parsed whole. A JSON string
 * cannot fake the key: quotes inside strings are escaped.
 */
export function storedSchemaVersion(text: string): number | undefined {
  const head = /"schemaVersion"\s*:\s*(\d{1,9})\s*[,}]/.exec(text.slice(0, 4096));
  if (head) return Number(head[1]);
  try {
    const data: unknown = JSON.parse(text);
    if (!isRecord(data)) return undefined;
    const version = data.schemaVersion;
    return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Reads document text (an imported file or a stored entry). Never throws. */
export function parseDocumentText(text: string): ReadResult {
  if (text.trim() === '') return { ok: false, reason: 'The file is empty.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const truncated = /end of (json )?(data|input)|unterminated/i.test(detail);
    return {
      ok: false,
      reason: truncated
        ? 'The file is cut short (truncated): it ends before its content is complete. Export it again, or find the complete copy.'
        : 'The file is not valid JSON, so it is damaged or not an export of this app.',
      detail: `The JSON parser said: ${detail}`,
    };
  }
  return readDocument(data);
}

/** Checks an imported file's size before reading it, so a huge file is never loaded. */
export function checkImportSize(bytes: number): string | undefined {
  if (bytes === 0) return 'The file is empty.';
  if (bytes > MAX_IMPORT_BYTES) {
    return `The file is ${formatBytes(bytes)}; an assessment export is at most ${formatBytes(MAX_IMPORT_BYTES)}. It is not an export of this app.`;
  }
  return undefined;
}
