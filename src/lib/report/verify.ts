/**
 * Comparing a recomputed digest with the one a file carries and the one printed on a report,
 * and saying in words what a mismatch means.
 */

export type DigestCheck =
  | { kind: 'match'; digest: string }
  | { kind: 'mismatch'; expected: string; actual: string; meaning: string }
  | { kind: 'absent'; meaning: string };

export interface Verification {
  /** The digest of the file's content, recomputed now. */
  computed: string;
  /** Against the digest written into the file when it was exported. */
  embedded: DigestCheck;
  /** Against the digest the user copied from a printed report; undefined when none was given. */
  printed?: DigestCheck;
}

const DIGEST_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A digest as pasted: spaces, line breaks, colons and case do not matter (a digest copied from a
 * PDF may be split over lines). Returns the digest, or what is wrong with it.
 */
export function parseDigestInput(
  text: string,
): { ok: true; digest: string } | { ok: false; reason: string } {
  const digest = text.replace(/[\s:]+/g, '').toLowerCase();
  if (DIGEST_PATTERN.test(digest)) return { ok: true, digest };
  return {
    ok: false,
    reason: `A SHA-256 digest is 64 characters, each 0–9 or a–f; what was entered has ${digest.length} character${digest.length === 1 ? '' : 's'} once spaces are removed${/[^0-9a-f]/.test(digest) ? ', and some are not 0–9 or a–f' : ''}.`,
  };
}

export function verifyDigests(options: {
  computed: string;
  embedded: string | undefined;
  printed: string | undefined;
}): Verification {
  const { computed, embedded, printed } = options;
  const embeddedCheck: DigestCheck =
    embedded === undefined
      ? {
          kind: 'absent',
          meaning:
            'The file carries no digest: it was exported before digests were added, or saved some other way. Its content can still be checked against a printed report.',
        }
      : embedded.toLowerCase() === computed
        ? { kind: 'match', digest: computed }
        : {
            kind: 'mismatch',
            expected: embedded,
            actual: computed,
            meaning:
              'The file does not agree with the digest written into it: its content (an answer, the profile, the sign-off or the block-list results) was changed after the digest was written, or the file is damaged.',
          };
  if (printed === undefined) return { computed, embedded: embeddedCheck };
  return {
    computed,
    embedded: embeddedCheck,
    printed:
      printed === computed
        ? { kind: 'match', digest: computed }
        : {
            kind: 'mismatch',
            expected: printed,
            actual: computed,
            meaning:
              'The content of the file differs from the assessment the report was printed from: an answer, the profile, the sign-off or the block-list results are not the same, or the report belongs to another assessment.',
          },
  };
}

/** One sentence per check, as the Verify panel shows it. */
export function describeCheck(check: DigestCheck, against: 'embedded' | 'printed'): string {
  const what =
    against === 'embedded'
      ? 'The digest written into the file when it was exported'
      : 'The digest from the printed report';
  if (check.kind === 'absent') return check.meaning;
  if (check.kind === 'match') {
    // A digest inside a file proves only that the file agrees with itself: whoever edits the file
    // can write a new one. Only a digest received apart from the file (printed on the report)
    // shows the content is what was reported.
    return against === 'embedded'
      ? `${what} matches its content: the file is not damaged. This alone does not prove it is unchanged, since whoever edits a file can write a new digest into it: compare it with the digest printed on the report.`
      : `${what} matches: the file holds exactly the content the report was printed from.`;
  }
  return `${what} does not match. ${check.meaning}`;
}

/** What the check established, in one line for its heading. */
export function verificationHeadline(fileName: string, verification: Verification): string {
  if (verificationFailed(verification)) return `Verification failed for ${fileName}.`;
  if (verification.printed?.kind === 'match') {
    return `${fileName} matches the report: it holds the content the report was printed from.`;
  }
  return `${fileName} agrees with its own digest. Enter the digest printed on the report to check that it is the content the report was made from.`;
}

/** Failed when any digest given disagrees; a file without a digest alone does not fail. */
export function verificationFailed(verification: Verification): boolean {
  return verification.embedded.kind === 'mismatch' || verification.printed?.kind === 'mismatch';
}

/** A label the PDF prints before the digest ("SHA-256 3f5a…"), or a tool's "sha256:" prefix. */
const DIGEST_LABEL = /^\s*sha[\s_-]?256\s*[:=]?/i;

/**
 * The digest as the user pasted it from the report, made comparable: a leading "SHA-256" or
 * "sha256:" label is dropped, then spaces, line breaks and capitals are ignored (see
 * parseDigestInput). Returns the 64-character lowercase digest, or what is wrong with the input.
 */
export function normalisePrintedDigest(
  text: string,
): { ok: true; digest: string } | { ok: false; reason: string } {
  return parseDigestInput(text.replace(DIGEST_LABEL, ''));
}
