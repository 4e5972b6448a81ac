import { formatCalendarDate } from '../shared/dates';
import type { ReportFinding } from './findings';

/**
 * What a remediation-plan row says when nobody owns it or it has no target date. One place, so
 * the plan on screen, the PDF and the CSV say the same thing: a blank cell reads as a printing
 * fault or an oversight, not as "nobody has been given this yet".
 */
export const NOT_ASSIGNED = 'Not assigned';
export const NO_TARGET_DATE = 'No target date';

/** Who fixes it; a block-list listing has no owner field, so it is never assigned. */
export function findingOwner(finding: ReportFinding): string {
  const owner = finding.kind === 'control' ? finding.answer.owner.trim() : '';
  return owner === '' ? NOT_ASSIGNED : owner;
}

/** The target date as stored (YYYY-MM-DD), or '' when there is none. */
export function findingTargetIso(finding: ReportFinding): string {
  return finding.kind === 'control' ? finding.answer.targetDate : '';
}

/** The target date for people to read ("31 March 2027"), or "No target date". */
export function findingTargetDate(finding: ReportFinding): string {
  const iso = findingTargetIso(finding);
  return iso === '' ? NO_TARGET_DATE : formatCalendarDate(iso);
}
