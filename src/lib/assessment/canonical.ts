import canonicalize from 'canonicalize';
import { AssessmentSchema, type Assessment } from '../model/assessment';
import { CURRENT_SCHEMA_VERSION, DOCUMENT_FORMAT } from '../model/document';

/**
 * What the integrity digest covers: the evidence, not where the user happened to be. The wizard
 * step, the last-edited time and the block-list preferences (settings, consent) are left out, so
 * moving around the app or re-opening it never changes the digest; any change to the profile, an
 * answer, the sign-off or the stored block-list run does.
 */
export interface CanonicalContent {
  format: typeof DOCUMENT_FORMAT;
  /**
   * The form of this content: 2 without scans, 3 with them, 4 once it holds a management response
   * or an approver's sign-off. An assessment without what a later schema added keeps the exact
   * content (and so the digest) it had before, so older exports still verify.
   */
  schemaVersion: 2 | 3 | typeof CURRENT_SCHEMA_VERSION;
  assessment: Pick<
    Assessment,
    'id' | 'createdAt' | 'catalogueVersion' | 'profile' | 'answers' | 'signOff'
  > & {
    lookup: { lastRun?: Assessment['lookup']['lastRun'] };
    scans?: Assessment['scans'];
    approval?: Assessment['approval'];
  };
}

/** Said in the export file next to the digest; the README explains it in full. */
export const DIGEST_COVERS = 'canonical assessment content (see README)';
export const DIGEST_ALGORITHM = 'SHA-256';

export function canonicalContent(assessment: Assessment): CanonicalContent {
  // The export is read back through the schema, which fills defaults and drops unknown keys:
  // normalising here the same way makes the digest of the in-memory assessment equal the digest
  // of its exported file once re-read. (An assessment the schema refuses could not be re-imported
  // anyway; it is hashed as it is.)
  const parsed = AssessmentSchema.safeParse(assessment);
  const a = parsed.success ? parsed.data : assessment;
  const scans = a.scans ?? [];
  const fourth =
    a.approval !== undefined ||
    Object.values(a.answers).some((answer) => answer.response !== undefined);
  return {
    format: DOCUMENT_FORMAT,
    schemaVersion: fourth ? CURRENT_SCHEMA_VERSION : scans.length > 0 ? 3 : 2,
    assessment: {
      id: a.id,
      createdAt: a.createdAt,
      catalogueVersion: a.catalogueVersion,
      profile: a.profile,
      answers: a.answers,
      signOff: a.signOff,
      lookup: a.lookup.lastRun ? { lastRun: a.lookup.lastRun } : {},
      // Every imported scan, whole: its file's SHA-256, vantage point, command and per-host results.
      ...(scans.length > 0 ? { scans } : {}),
      // The approver's sign-off (schema 4), when one was entered.
      ...(a.approval ? { approval: a.approval } : {}),
    },
  };
}

/**
 * The canonical JSON text the digest is taken of: RFC 8785 (JSON Canonicalization Scheme) —
 * object keys sorted by UTF-16 code unit at every depth, no whitespace, arrays in order,
 * numbers and strings as ECMAScript serialises them — so the same content always gives the same
 * bytes, whatever order a tool wrote the keys in.
 */
export function canonicalJson(assessment: Assessment): string {
  const text = canonicalize(canonicalContent(assessment));
  if (text === undefined) throw new Error('the assessment has no JSON form');
  return text;
}
