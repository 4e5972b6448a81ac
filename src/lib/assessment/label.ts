import type { Assessment } from '../model/assessment';
import { formatCalendarDate } from '../shared/dates';
import { isolate } from '../shared/format';

/** What an assessment without an organisation name is called, everywhere. */
export const UNTITLED = 'Untitled assessment';

/** The organisation the assessment is for, or "Untitled assessment". */
export function assessmentName(assessment: Assessment): string {
  return assessment.profile.organisation.trim() || UNTITLED;
}

/**
 * "Prifysgol Bangor (28 November 2026)": the name and, when set, the assessment date, for a sentence
 * (the name isolated, see shared/format.ts isolate).
 */
export function assessmentLabel(assessment: Assessment | undefined): string {
  if (!assessment) return 'an assessment';
  const date = assessment.profile.assessmentDate;
  const name = isolate(assessmentName(assessment));
  return date ? `${name} (${formatCalendarDate(date)})` : name;
}
