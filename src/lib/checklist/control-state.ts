import type { Answer, AnswerStatus, Assessment } from '../model/assessment';
import {
  notApplicableReason,
  type Catalogue,
  type Control,
  type Section,
} from '../model/catalogue';

/**
 * What each control's answer amounts to once the profile is taken into account: ruled out by the
 * service model, unanswered (or a "not applicable" still missing its reason), or answered. The
 * results (./results.ts) and the evidence conflicts (./evidence-conflicts.ts) both start here.
 */

/** Why "not applicable" is not taken as an answer to a control that covers every computer. */
export const NOT_APPLICABLE_REFUSED =
  'Not applicable cannot be the answer: this covers every computer on the network';

/** The state of one control once the profile and the answer are taken together. */
export type ControlState =
  | { kind: 'not-applicable-by-profile'; reason: string; answer?: Answer }
  | { kind: 'unanswered'; answer?: Answer; problem?: string }
  | { kind: 'answered'; status: AnswerStatus; answer: Answer };

export function controlState(control: Control, assessment: Assessment): ControlState {
  const answer = assessment.answers[control.id];
  const byProfile = notApplicableReason(control, assessment.profile.serviceModel);
  if (byProfile) return { kind: 'not-applicable-by-profile', reason: byProfile, answer };
  if (!answer) return { kind: 'unanswered' };
  if (answer.status === 'not-applicable' && control.coversEveryComputer) {
    // Hosted mail or not, every computer on the network could relay: never an answer here.
    return { kind: 'unanswered', answer, problem: NOT_APPLICABLE_REFUSED };
  }
  if (answer.status === 'not-applicable' && answer.naReason.trim() === '') {
    // A "not applicable" without its reason is not an answer yet: the reason is the evidence.
    return { kind: 'unanswered', answer, problem: 'Not applicable needs a reason' };
  }
  return { kind: 'answered', status: answer.status, answer };
}

export function isApplicable(state: ControlState): boolean {
  if (state.kind === 'not-applicable-by-profile') return false;
  return !(state.kind === 'answered' && state.status === 'not-applicable');
}

export interface ControlResult {
  section: Section;
  control: Control;
  state: ControlState;
}

export function controlResults(catalogue: Catalogue, assessment: Assessment): ControlResult[] {
  return catalogue.sections.flatMap((section) =>
    section.controls.map((control) => ({
      section,
      control,
      state: controlState(control, assessment),
    })),
  );
}
