import canonicalize from 'canonicalize';
import type { Assessment, SignOff } from '../model/assessment';
import { formatCalendarDate, formatDateTime, isFutureDate, localIsoDate } from '../shared/dates';

/**
 * A sign-off vouches for the answers as they were when it was entered. It records a fingerprint
 * of that content, so a later change (an answer, its evidence, the profile, a new block-list run)
 * is pointed out in the app and the report instead of the old sign-off silently covering it.
 */

/**
 * A short fingerprint of what a sign-off covers: the profile, every answer with its evidence, and
 * which block-list run is stored. The run counts by its identity (id, state, end): a stored run
 * never changes, and hashing its megabytes on every keystroke would slow typing. Not a security
 * measure (the digest is that): it only tells "changed" from "unchanged".
 */
export function signedContentFingerprint(assessment: Assessment): string {
  const run = assessment.lookup.lastRun;
  const content = canonicalize({
    profile: assessment.profile,
    answers: assessment.answers,
    run: run ? { id: run.id, state: run.state, finishedAt: run.finishedAt } : null,
  });
  return hash64(content ?? '');
}

/** cyrb53-style string hash over two 32-bit lanes, as 16 hex digits. */
function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h2) + hex(h1);
}

function hasEntries(signOff: SignOff): boolean {
  return [signOff.name, signOff.role, signOff.date].some((field) => field.trim() !== '');
}

/**
 * The sign-off after an edit to it: entering or changing it records it as given now, for the
 * content as it is now; emptying every field removes the record.
 */
export function recordSignOff(assessment: Assessment, signOff: SignOff, now: Date): SignOff {
  const fields: SignOff = { name: signOff.name, role: signOff.role, date: signOff.date };
  if (!hasEntries(fields)) return fields;
  return {
    ...fields,
    signed: { at: now.toISOString(), fingerprint: signedContentFingerprint(assessment) },
  };
}

export type SignOffStatus =
  /** Nothing entered yet. */
  | { kind: 'none' }
  /** Entered before the app recorded what was signed: whether it still holds is not known. */
  | { kind: 'unrecorded' }
  | { kind: 'current'; signedAt: string }
  | { kind: 'changed'; signedAt: string; warning: string };

/**
 * The flag on a sign-off given before the answers last changed, the same for the assessor's and
 * the approver's, on screen and in the report.
 */
export const SIGNED_BEFORE_CHANGE = 'Signed before the answers last changed';

/** Whether a sign-off (the assessor's or the approver's) still covers the answers as they are. */
export function signatureStatus(
  assessment: Assessment,
  signOff: SignOff | undefined,
): SignOffStatus {
  if (!signOff || !hasEntries(signOff)) return { kind: 'none' };
  if (!signOff.signed) return { kind: 'unrecorded' };
  if (signOff.signed.fingerprint === signedContentFingerprint(assessment)) {
    return { kind: 'current', signedAt: signOff.signed.at };
  }
  return {
    kind: 'changed',
    signedAt: signOff.signed.at,
    warning: `${SIGNED_BEFORE_CHANGE}: they changed after this sign-off was recorded on ${formatDateTime(signOff.signed.at)}. Ask the signatory to confirm again.`,
  };
}

/** The assessor's sign-off (stored as `signOff`). */
export function signOffStatus(assessment: Assessment): SignOffStatus {
  return signatureStatus(assessment, assessment.signOff);
}

/** The approver's sign-off (stored as `approval`, schema 4). */
export function approvalStatus(assessment: Assessment): SignOffStatus {
  return signatureStatus(assessment, assessment.approval);
}

/**
 * The approver's sign-off after an edit to it, as recordSignOff; emptied, it is removed (undefined)
 * so the assessment reads and hashes as if none had been entered.
 */
export function recordApproval(
  assessment: Assessment,
  approval: SignOff,
  now: Date,
): SignOff | undefined {
  const recorded = recordSignOff(assessment, approval, now);
  return hasEntries(recorded) ? recorded : undefined;
}

/**
 * A sign-off date after today cannot be typed (the form refuses it), but a file can carry one:
 * then it is pointed out, on screen and in the report, in these words. `now` is the clock where
 * the user is; undefined when the date is possible.
 */
export function signOffDateProblem(signOff: SignOff, now: Date): string | undefined {
  if (!isFutureDate(signOff.date, now)) return undefined;
  return `This sign-off is dated ${formatCalendarDate(signOff.date)}, after today (${formatCalendarDate(localIsoDate(now))}): no one can have signed on that day. Ask the signatory for the day they confirmed the answers and enter it.`;
}
