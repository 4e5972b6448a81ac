import { ANSWER_LABELS, type AnswerStatus } from '../model/assessment';
import {
  plainText,
  type Control,
  type Platform,
  type Section,
  type Step,
} from '../model/catalogue';
import {
  ANSWER_CREDIT,
  LEVEL_WEIGHTS,
  type AssessmentResults,
  type ControlResult,
  type ControlState,
  type Progress,
  type Verdict,
} from '../checklist/results';
import { CONFLICT_HEADINGS } from '../checklist/evidence-conflicts';
import { delistingText, LISTED, listSaid } from '../blocklists/domain/wording';
import {
  SCAN_FINDING_ADVICE,
  SCAN_FOUND,
  scanFindingEvidence,
  scanSource,
} from '../scans/domain/finding-wording';
import { DIGEST_ALGORITHM } from '../assessment/canonical';
import { formatCalendarDate } from '../shared/dates';
import { isolate, plural } from '../shared/format';
import type { ReportFinding } from './findings';

/**
 * Every sentence the results screen, the PDF report and the CSV action plan share: the verdict
 * and what it rests on, scores, counts, the method, what a finding's answer and owner read as.
 * The surfaces lay these words out; none of them words a shared fact its own way. (What a
 * block-list run says is worded in ../blocklists/domain/wording.ts, beside the run's judgement.)
 */

export const VERDICT_LABELS: Record<Verdict, string> = {
  meets: 'Meets the requirements',
  'does-not-meet': 'Does not meet the requirements',
  incomplete: 'Incomplete: requirements still unanswered',
  'cannot-be-confirmed': 'Cannot be confirmed from the answers',
};

/** A section or overall score: "72%", or "Not applicable" when nothing in it applies. */
export function scoreText(score: number | null): string {
  return score === null ? 'Not applicable' : `${score}%`;
}

/** The colour band a section's bar is drawn in on the screen, with what it means in words. */
export type ScoreBand = 'good' | 'fair' | 'poor';

export const SCORE_BANDS: readonly { band: ScoreBand; colour: string; words: string }[] = [
  { band: 'good', colour: 'Green', words: '80% or more' },
  { band: 'fair', colour: 'Amber', words: '50% to 79%' },
  { band: 'poor', colour: 'Red', words: 'under 50%' },
];

export function scoreBand(score: number): ScoreBand {
  if (score >= 80) return 'good';
  if (score >= 50) return 'fair';
  return 'poor';
}

/** Said beside the coloured bars, so the colour is never the only way to read them. */
export const SCORE_COLOURS_NOTE = 'The figure beside each bar is its score; the colour repeats it.';

/**
 * The two scores: against the guidance's own controls, and with the good practice beyond it. The
 * first is what the organisation is assessed against; the second is the fuller picture.
 */
export function scoresText(results: Pick<AssessmentResults, 'overall' | 'guidanceOverall'>): {
  guidance: string;
  all: string;
} {
  return {
    guidance: `Score against the guidance: ${scoreText(results.guidanceOverall.score)}`,
    all: `with good practice beyond it: ${scoreText(results.overall.score)}`,
  };
}

/** The scores and how much is answered, in one line, as the results and the PDF give them. */
export function scoreLineText(
  results: Pick<AssessmentResults, 'overall' | 'guidanceOverall' | 'progress'>,
): string {
  const scores = scoresText(results);
  return `${scores.guidance} · ${scores.all} · ${progressText(results.progress)}`;
}

/** "12 of 30 applicable controls answered". */
export function progressText(progress: Progress): string {
  return `${progress.answered} of ${plural(progress.applicable, 'applicable control', 'applicable controls')} answered`;
}

/** A section's answered controls in a table cell: "3 of 6". */
export function sectionAnsweredText(progress: Progress): string {
  return `${progress.answered} of ${progress.applicable}`;
}

/** How many controls got each answer, in one order: answers first, then what has none. */
export function answerCountRows(
  counts: AssessmentResults['answerCounts'],
): { label: string; count: number }[] {
  const answered: AnswerStatus[] = [
    'implemented',
    'partial',
    'not-implemented',
    'unknown',
    'not-applicable',
  ];
  return [
    ...answered.map((status) => ({ label: ANSWER_LABELS[status], count: counts[status] })),
    { label: 'Not applicable (by profile)', count: counts['not-applicable-by-profile'] },
    { label: 'Unanswered', count: counts.unanswered },
  ];
}

/** A control's answer in full: "Implemented", "Not applicable (by profile): …", "Unanswered". */
export function answerText(state: ControlState): string {
  if (state.kind === 'not-applicable-by-profile') {
    return `Not applicable (by profile): ${state.reason}`;
  }
  if (state.kind === 'unanswered') {
    return state.problem ? `Unanswered (${state.problem.toLowerCase()})` : 'Unanswered';
  }
  if (state.status === 'not-applicable') return `Not applicable: ${state.answer.naReason}`;
  return ANSWER_LABELS[state.status];
}

/**
 * A sentence about one control, in three parts so a screen can make the title a link:
 * `${before}${control.title}${after}`.
 */
export interface ControlSentence {
  before: string;
  control: Control;
  section: Section;
  after: string;
}

export function sentenceText(line: ControlSentence): string {
  return `${line.before}${line.control.title}${line.after}`;
}

function about(result: ControlResult, before: string, after: string): ControlSentence {
  return { before, control: result.control, section: result.section, after };
}

/** Which evidence contradicts an answer, as the verdict's explanation names it. */
const CONTRADICTING_EVIDENCE = {
  listed: 'the block-list evidence',
  scan: 'the network scan evidence',
} as const;

/**
 * What the verdict rests on: a summary when it is "meets", then one sentence per MUST that
 * decides or qualifies it (not met, unanswered, declared not applicable, contradicted by the
 * block-list evidence). The verdict counts answers as given, so a reader sees what it rests on.
 */
export function verdictExplanation(results: AssessmentResults): {
  summary: string | undefined;
  lines: ControlSentence[];
} {
  const { verdict, failingMusts, unansweredMusts, unknownMusts, declaredNotApplicableMusts } =
    results.verdict;
  const contradicted = results.conflicts.filter(
    (c) => c.kind !== 'gaps' && c.control.level === 'MUST',
  );
  const lines = [
    ...failingMusts.map((r) =>
      about(
        r,
        'MUST not met: ',
        ` (${r.state.kind === 'answered' ? ANSWER_LABELS[r.state.status] : 'unanswered'}).`,
      ),
    ),
    ...unansweredMusts.map((r) =>
      about(
        r,
        'MUST unanswered: ',
        r.state.kind === 'unanswered' && r.state.problem ? ` (${r.state.problem}).` : '.',
      ),
    ),
    ...unknownMusts.map((r) =>
      about(r, "MUST answered Don't know: ", ': find out, then answer it.'),
    ),
    ...declaredNotApplicableMusts.map((r) =>
      about(
        r,
        'MUST declared not applicable by the assessor: ',
        ` (reason given: ${isolate(r.state.kind === 'answered' ? r.state.answer.naReason.trim() : '')}); only Implemented counts towards "${VERDICT_LABELS.meets}".`,
      ),
    ),
    ...contradicted.map((c) => ({
      before: `MUST answered ${ANSWER_LABELS[c.status]} although ${CONTRADICTING_EVIDENCE[c.kind === 'scan' ? 'scan' : 'listed']} contradicts it: `,
      control: c.control,
      section: c.section,
      after: ` (see “${CONFLICT_HEADINGS[c.kind]}”).`,
    })),
  ];
  const summary =
    verdict !== 'meets'
      ? undefined
      : contradicted.length > 0
        ? `Every MUST control is answered Implemented, but ${[...new Set(contradicted.map((c) => CONTRADICTING_EVIDENCE[c.kind === 'scan' ? 'scan' : 'listed']))].join(' and ')} ${contradicted.some((c) => c.kind === 'scan') && contradicted.some((c) => c.kind !== 'scan') ? 'contradict' : 'contradicts'} at least one of those answers.`
        : 'Every MUST control is answered Implemented.';
  return { summary, lines };
}

/** How the scores, the verdict and the findings are worked out, a paragraph each. */
export function methodText(): string[] {
  return [
    `Each applicable control carries a weight by its requirement level: MUST ${LEVEL_WEIGHTS.MUST}, SHOULD ${LEVEL_WEIGHTS.SHOULD}, MAY ${LEVEL_WEIGHTS.MAY}. ` +
      `An answer earns a share of that weight: Implemented ${ANSWER_CREDIT.implemented * 100}%, Partially implemented ${ANSWER_CREDIT.partial * 100}%, ` +
      `Not implemented ${ANSWER_CREDIT['not-implemented'] * 100}%, Don't know ${ANSWER_CREDIT.unknown * 100}%; unanswered controls earn nothing. ` +
      'Controls that do not apply (by the organisation profile, or answered "not applicable" with a reason) are left out. ' +
      "A section's score is the weight earned divided by the weight possible. Two overall scores are given: against the controls that come from the guidance, and over every control, the good practice beyond the guidance included (each control says which it is).",
    `The verdict is against the guidance's requirements, its MUST controls. It is "${VERDICT_LABELS.meets}" only when every MUST control is answered Implemented: it rests on those answers, as the assessor gives them. ` +
      `Any MUST answered Not implemented or Partially implemented gives "${VERDICT_LABELS['does-not-meet']}". ` +
      `If none does but some are unanswered, the verdict is "${VERDICT_LABELS.incomplete}"; if all are answered but some "Don't know" (or declared not applicable), it is "${VERDICT_LABELS['cannot-be-confirmed']}". ` +
      'A MUST that covers every computer on the network (relaying and open proxies) cannot be answered not applicable, hosted mail or not.',
    'Where the recorded block-list run contradicts an answer, or does not cover everything an answer claims, the contradiction is stated beside the verdict: it is not counted, and the score and the verdict take the answer as given, since the assessor answers for it and a run is a snapshot.',
    'Findings are the applicable controls answered not implemented, partially implemented or "don\'t know", and every address listed on a DNS block list that passed its health check (test points) in the recorded run. They are ordered by level (MUST first), then by section.',
  ];
}

/** How to check a report against its assessment file, with the digest it carries. */
export function verificationText(digest: string): string[] {
  return [
    `Every page of this report carries the ${DIGEST_ALGORITHM} digest of the assessment it was made from: ${digest}`,
    'The digest covers the canonical form of the assessment content: the file format and schema version, the assessment identifier, creation time and checklist version, the organisation profile, every answer with its evidence notes, reference, owner and target date, the sign-off, and the recorded block-list run. ' +
      'It leaves out what does not change the evidence: where the assessor was in the app, when it was last edited, where and when a copy was imported from a file, and the block-list preferences (resolver, lists, consent). The canonical form is JSON with keys sorted and no whitespace (RFC 8785).',
    'To verify: open the Mail Security Self-Assessment app, go to the results, and in "Verify an exported file" choose the JSON export of this assessment and enter the digest printed here. The app recomputes the digest from the file. If they match, the file holds exactly the content this report was printed from; if not, the content differs (an answer, the evidence, the profile or the sign-off has changed), or the report belongs to another assessment.',
  ];
}

/** What the remediation plan holds, said above it. */
export const PLAN_INTRO =
  'Every applicable control not implemented, partially implemented or unknown, and every block-list listing, ordered by level (MUST first), then by section.';

/** An empty remediation plan. */
export const NOTHING_TO_REMEDIATE =
  'Nothing to remediate among the answered controls, and no block-list listing.';

/** Where the executive summary lists the top findings, when there are none. */
export const NO_FINDINGS =
  'There are no findings: nothing applicable is answered not implemented, partially implemented or unknown, and no address is listed.';

/** Said after the top findings when the plan holds more; undefined when all were shown. */
export function allFindingsText(shown: number, total: number): string | undefined {
  return total > shown ? `All ${total} findings are in the remediation plan.` : undefined;
}

/**
 * Said in the PDF when some characters typed (an emoji, a script its font lacks) could not be
 * drawn and were printed as `mark`: the assessment file keeps them as they were entered.
 */
export function missingGlyphsText(count: number, mark: string): string {
  return `${plural(count, 'character', 'characters')} in the text entered could not be printed in this report's font (an emoji, for example) and ${count === 1 ? 'is' : 'are'} shown as ${mark}. The assessment file holds ${count === 1 ? 'it' : 'them'} as entered.`;
}

/** What the signatory confirms. */
export const APPROVAL_STATEMENT =
  'I have reviewed this assessment and approve this report and the actions agreed in it.';

export const SIGN_OFF_STATEMENT =
  'I confirm that the answers and evidence in this assessment are, to the best of my knowledge, complete and accurate.';

/**
 * Under a finding's title: for a listing, what the list said and where to ask for removal (a
 * control's finding says it all in its title and answer).
 */
export function findingEvidence(finding: ReportFinding): string[] {
  if (finding.kind === 'control') return [];
  if (finding.kind === 'scan') {
    return [
      scanFindingEvidence(finding.scan),
      `Evidence: ${scanSource(finding.scan)}.`,
      `What to do: ${SCAN_FINDING_ADVICE[finding.scan.kind]}`,
    ];
  }
  return [...listSaid(finding.listing), delistingText(finding.listing)];
}

/**
 * What a remediation-plan row says when nobody owns it or it has no target date: a blank cell
 * reads as a printing fault or an oversight, not as "nobody has been given this yet".
 */
export const NOT_ASSIGNED = 'Not assigned';
export const NO_TARGET_DATE = 'No target date';

/** A finding still open after its target date. */
export const OVERDUE = 'Overdue';

/** How to check each control, by control id (the checklist's guidance texts, loaded with them). */
export type ChecksByControl = Readonly<
  Record<
    string,
    { howToCheck: readonly { platform: Platform; steps: readonly Step[] }[] } | undefined
  >
>;

/** What the advice for a control answered Don't know starts with. */
export const FIND_OUT_FIRST = 'Find out first';

/**
 * The first words of the advice for a finding answered Don't know: how to find out, from the
 * control's first "How to check" step, so the remediation plan on the screen, the PDF and the CSV
 * never start a "don't know" with how to fix what may not be broken. Undefined for any other
 * finding. Without the guidance (still loading on the screen), the words point to the card.
 */
export function findOutFirstText(
  finding: ReportFinding,
  guidance: ChecksByControl | undefined,
): string | undefined {
  if (finding.kind !== 'control' || finding.status !== 'unknown') return undefined;
  // The check for any platform when there is one, else the first platform's.
  const checks = guidance?.[finding.control.id]?.howToCheck ?? [];
  const first = (checks.find((group) => group.platform === 'general') ?? checks[0])?.steps[0];
  return first
    ? `${FIND_OUT_FIRST}: ${plainText(first.text)}`
    : `${FIND_OUT_FIRST}: follow "How to check" on this control, then answer it.`;
}

/** The answer a finding stands for: the control's answer, or "Listed" for a block-list listing. */
export function findingAnswer(finding: ReportFinding): string {
  if (finding.kind === 'scan') return SCAN_FOUND;
  return finding.kind === 'control' ? ANSWER_LABELS[finding.status] : LISTED;
}

/** Who fixes it; a block-list listing has no owner field, so it is never assigned. */
export function findingOwner(finding: ReportFinding): string {
  const owner = finding.kind === 'control' ? finding.answer.owner.trim() : '';
  return owner === '' ? NOT_ASSIGNED : owner;
}

/** The management response's label, the same on the card, in the PDF, the DOCX and the CSV. */
export const AGREED_ACTION = 'Agreed action';
export const NO_AGREED_ACTION = 'None recorded';

/** The action management agreed for a finding as typed, or '' (a listing has none). */
export function findingResponseText(finding: ReportFinding): string {
  return finding.kind === 'control' ? (finding.answer.response ?? '').trim() : '';
}

/** The agreed action for people to read, or "None recorded". */
export function findingResponse(finding: ReportFinding): string {
  return findingResponseText(finding) || NO_AGREED_ACTION;
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

// ——— The parts an auditor files the report by (see ./audit.ts) ———

/** The longest classification marking printed (it must fit the page header). */
export const CLASSIFICATION_MAX = 40;

/** The report's reference, from the digest: the same content always gives the same reference. */
export function reportReference(digest: string): string {
  return `MSA-${digest.slice(0, 4).toUpperCase()}-${digest.slice(4, 8).toUpperCase()}`;
}

/** The version: final only while a recorded sign-off covers the answers as they are. */
export const VERSION_LABELS = {
  final: 'Final: signed off for the answers as they are',
  draft: 'Draft: not signed off for the answers as they are',
} as const;

export const OBJECTIVE =
  "To assess the organisation's mail services and the computers on its network against the countermeasures of the guidance, and to record what is in place, what is not, and what the answers rest on.";

/** How much of the assessment rests on tested evidence rather than the assessor's word. */
export function evidenceBasisText(tested: number, applicable: number): string {
  const statement = applicable - tested;
  return tested === 0
    ? `All ${plural(applicable, 'applicable control', 'applicable controls')} rest on the assessor's statement: no tested evidence is recorded.`
    : `${plural(tested, 'applicable control rests', 'applicable controls rest')} on tested evidence recorded by the app (listed below); the other ${statement} of ${applicable} rest on the assessor's statement, with the evidence notes and references given.`;
}

export function limitationsText(): string[] {
  return [
    'This is a self-assessment: answers are as the assessor gives them, and the app does not test them except where tested evidence is named.',
    'A block-list check is a snapshot of the lists at the time it ran, through the resolver named; lists change.',
    'Controls that do not apply by the organisation profile are listed as such and not assessed.',
  ];
}

export type Severity = 'High' | 'Medium' | 'Low';

/** The rule that gives each finding its severity, printed with the findings. */
export const SEVERITY_RULE =
  'Severity: High for a MUST control not implemented or partially implemented, and for a listing on a DNS block list, and for what a network scan finds against a MUST (an open relay, an open proxy); Medium for what a scan finds against a SHOULD, for a MUST answered "Don\'t know" and for a SHOULD not implemented or partially implemented; Low for everything else (a SHOULD answered "Don\'t know", any MAY).';

export function severityOf(finding: ReportFinding): Severity {
  if (finding.kind === 'listing') return 'High';
  if (finding.kind === 'scan') return finding.level === 'MUST' ? 'High' : 'Medium';
  const failing = finding.status === 'not-implemented' || finding.status === 'partial';
  if (finding.level === 'MUST') return failing ? 'High' : 'Medium';
  if (finding.level === 'SHOULD' && failing) return 'Medium';
  return 'Low';
}

/** What the answer and the evidence show, in a sentence or two. */
export function findingCondition(finding: ReportFinding): string {
  if (finding.kind === 'listing') return [...listSaid(finding.listing)].join(' ');
  if (finding.kind === 'scan') {
    return `${scanFindingEvidence(finding.scan)} Evidence: ${scanSource(finding.scan)}.`;
  }
  const notes = finding.answer.notes.trim();
  const ref = finding.answer.evidenceRef.trim();
  return [
    `Answered "${ANSWER_LABELS[finding.status]}".`,
    notes ? `Evidence notes: ${notes}` : 'No evidence notes were given.',
    ref ? `Reference: ${ref}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A finding whose control has no fix for the organisation's platforms. */
export const NO_RECOMMENDATION =
  "The guidance gives no platform-specific fix for this organisation's mail service; see the control's guidance in the app.";

/** The board summary's trend when no previous assessment is compared. */
export const NO_COMPARISON =
  'No previous assessment was chosen for comparison, so no trend is stated.';

/** After a written recommendation: where its commands are. */
export const COMMANDS_ELSEWHERE =
  'The commands for each step are in the app and in the action plan (CSV).';
