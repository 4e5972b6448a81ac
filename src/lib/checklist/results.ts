import type { Answer, AnswerStatus, Assessment } from '../model/assessment';
import type { Catalogue, Control, Level, Section } from '../model/catalogue';
import { controlResults, isApplicable, type ControlResult } from './control-state';
import { evidenceConflicts, type EvidenceConflict } from './evidence-conflicts';
import type { ScanFinding } from '../scans/domain/findings';

// The state of each control is decided in ./control-state.ts; these re-exports keep one place to
// import results from.
export { controlResults, controlState, isApplicable } from './control-state';
export type { ControlResult, ControlState } from './control-state';

/**
 * Everything the review and report screens show is computed here from the assessment, by pure
 * functions, so a score can never disagree with the answers it came from.
 */

/** MUST weighs more than SHOULD, which weighs more than MAY. Shown to the user in the UI. */
export const LEVEL_WEIGHTS: Record<Level, number> = { MUST: 3, SHOULD: 2, MAY: 1 };

/** Credit an answer earns towards the section score. "Don't know" earns nothing: unproven. */
export const ANSWER_CREDIT: Record<Exclude<AnswerStatus, 'not-applicable'>, number> = {
  implemented: 1,
  partial: 0.5,
  'not-implemented': 0,
  unknown: 0,
};

export const LEVEL_ORDER: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

export interface Progress {
  answered: number;
  /** Controls that need an answer: everything not ruled out by the profile. */
  applicable: number;
}

/** Progress counts an explicit "not applicable" (with reason) as answered. */
export function progress(results: readonly ControlResult[]): Progress {
  const needingAnswer = results.filter((r) => r.state.kind !== 'not-applicable-by-profile');
  return {
    answered: needingAnswer.filter((r) => r.state.kind === 'answered').length,
    applicable: needingAnswer.length,
  };
}

export interface SectionScore {
  section: Section;
  /** 0 to 100, or null when nothing in the section applies. */
  score: number | null;
  progress: Progress;
  earned: number;
  possible: number;
}

/**
 * Section score = weighted credit over every applicable control, unanswered ones earning nothing,
 * so a half-finished section cannot look perfect.
 */
export function scoreControls(results: readonly ControlResult[]): {
  score: number | null;
  earned: number;
  possible: number;
} {
  let earned = 0;
  let possible = 0;
  for (const { control, state } of results) {
    if (!isApplicable(state)) continue;
    const weight = LEVEL_WEIGHTS[control.level];
    possible += weight;
    if (state.kind === 'answered' && state.status !== 'not-applicable') {
      earned += weight * ANSWER_CREDIT[state.status];
    }
  }
  return { score: possible === 0 ? null : Math.round((earned / possible) * 100), earned, possible };
}

export function sectionScores(results: readonly ControlResult[]): SectionScore[] {
  const bySection = new Map<string, ControlResult[]>();
  for (const result of results) {
    const list = bySection.get(result.section.id) ?? [];
    list.push(result);
    bySection.set(result.section.id, list);
  }
  return [...bySection.values()].map((list) => ({
    section: list[0]!.section,
    ...scoreControls(list),
    progress: progress(list),
  }));
}

export type Verdict = 'meets' | 'does-not-meet' | 'incomplete' | 'cannot-be-confirmed';

export interface VerdictResult {
  verdict: Verdict;
  /** MUST controls answered Not implemented or Partially implemented. */
  failingMusts: ControlResult[];
  unansweredMusts: ControlResult[];
  /** MUST controls answered "Don't know": not failed, but not shown to be met either. */
  unknownMusts: ControlResult[];
  /**
   * MUST controls the assessor declared not applicable (with a reason). A reader must see them
   * named beside the verdict; and since "meets" needs every MUST answered Implemented, they keep
   * it from being "meets" (a control covering every computer cannot be declared so at all).
   */
  declaredNotApplicableMusts: ControlResult[];
}

/**
 * The verdict against the guidance's requirements (its MUST controls), never claiming more than
 * the answers say:
 * - "does not meet" when any MUST is answered Not implemented or Partially implemented;
 * - otherwise "incomplete" while any MUST is unanswered;
 * - otherwise "cannot be confirmed" when any MUST is answered Don't know or declared not
 *   applicable;
 * - "meets" only when every MUST is answered Implemented.
 * A MUST the profile rules out (the content allows that only for controls that do not cover every
 * computer) is not counted.
 */
export function verdict(results: readonly ControlResult[]): VerdictResult {
  const musts = results.filter(
    (r) => r.control.level === 'MUST' && r.state.kind !== 'not-applicable-by-profile',
  );
  const answeredAs = (...statuses: AnswerStatus[]) =>
    musts.filter((r) => r.state.kind === 'answered' && statuses.includes(r.state.status));
  const failingMusts = answeredAs('not-implemented', 'partial');
  const unansweredMusts = musts.filter((r) => r.state.kind === 'unanswered');
  const unknownMusts = answeredAs('unknown');
  const declaredNotApplicableMusts = answeredAs('not-applicable');
  const value: Verdict =
    failingMusts.length > 0
      ? 'does-not-meet'
      : unansweredMusts.length > 0
        ? 'incomplete'
        : unknownMusts.length > 0 || declaredNotApplicableMusts.length > 0
          ? 'cannot-be-confirmed'
          : 'meets';
  return {
    verdict: value,
    failingMusts,
    unansweredMusts,
    unknownMusts,
    declaredNotApplicableMusts,
  };
}

export interface Finding {
  section: Section;
  control: Control;
  status: Extract<AnswerStatus, 'not-implemented' | 'partial' | 'unknown'>;
  answer: Answer;
}

const FINDING_STATUSES = new Set<AnswerStatus>(['not-implemented', 'partial', 'unknown']);

/** The remediation plan: every applicable control not (fully) implemented, MUST first, then by section. */
export function remediationPlan(results: readonly ControlResult[]): Finding[] {
  const findings: Finding[] = [];
  for (const { section, control, state } of results) {
    if (state.kind !== 'answered' || !FINDING_STATUSES.has(state.status)) continue;
    findings.push({
      section,
      control,
      status: state.status as Finding['status'],
      answer: state.answer,
    });
  }
  // Array.prototype.sort is stable, so catalogue order survives within a level.
  return findings.sort(
    (a, b) => LEVEL_ORDER.indexOf(a.control.level) - LEVEL_ORDER.indexOf(b.control.level),
  );
}

export function unanswered(results: readonly ControlResult[]): ControlResult[] {
  return results.filter((r) => r.state.kind === 'unanswered');
}

export interface AssessmentResults {
  controls: ControlResult[];
  progress: Progress;
  /** Every applicable control, the good practice beyond the guidance included. */
  overall: { score: number | null; earned: number; possible: number };
  /** The controls that come from the guidance alone (see the controls' provenance). */
  guidanceOverall: { score: number | null; earned: number; possible: number };
  sections: SectionScore[];
  verdict: VerdictResult;
  plan: Finding[];
  gaps: ControlResult[];
  answerCounts: Record<AnswerStatus | 'unanswered' | 'not-applicable-by-profile', number>;
  /**
   * Answers the stored block-list run contradicts (or does not fully support). They change neither
   * the score nor the verdict, which stay the answers' own; every summary states them beside it.
   */
  conflicts: EvidenceConflict[];
}

/**
 * `scanFindings`: what the imported scans found (src/lib/scans/domain/findings.ts, worked out by
 * the caller, so that the scan code loads only when there are scans): they make conflicts only.
 */
export function computeResults(
  catalogue: Catalogue,
  assessment: Assessment,
  scanFindings: readonly ScanFinding[] = [],
): AssessmentResults {
  const controls = controlResults(catalogue, assessment);
  const answerCounts: AssessmentResults['answerCounts'] = {
    implemented: 0,
    partial: 0,
    'not-implemented': 0,
    'not-applicable': 0,
    unknown: 0,
    unanswered: 0,
    'not-applicable-by-profile': 0,
  };
  for (const { state } of controls) {
    answerCounts[state.kind === 'answered' ? state.status : state.kind] += 1;
  }
  return {
    controls,
    progress: progress(controls),
    overall: scoreControls(controls),
    guidanceOverall: scoreControls(
      controls.filter((r) => r.control.provenance.basis === 'guidance'),
    ),
    sections: sectionScores(controls),
    verdict: verdict(controls),
    plan: remediationPlan(controls),
    gaps: unanswered(controls),
    answerCounts,
    conflicts: evidenceConflicts(controls, assessment.lookup.lastRun, scanFindings),
  };
}
