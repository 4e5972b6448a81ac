import { ANSWER_LABELS, type Assessment, type Profile } from '../model/assessment';
import { checkScopeField, type ScopeField } from '../assessment/profile-check';
import { SERVICE_MODEL_LABELS, type Catalogue, type Level } from '../model/catalogue';
import { formatCalendarDate, formatDateTime, localIsoDate } from '../shared/dates';
import {
  ANSWER_CREDIT,
  LEVEL_WEIGHTS,
  VERDICT_LABELS,
  type AssessmentResults,
  type ControlState,
  type Verdict,
} from '../checklist/results';
import { summariseRun, type RunSummary } from '../blocklists/domain/summary';
import {
  CONFLICT_HEADINGS,
  CONFLICT_NOTES,
  conflictSentence,
  type AnswerConflict,
} from '../checklist/evidence-conflicts';
import { DIGEST_ALGORITHM } from '../assessment/canonical';
import { isOverdue, reportFindings, type ReportFinding } from './findings';
import { findingOwner, findingTargetDate } from './wording';
import { signOffStatus } from '../assessment/sign-off';

/**
 * Everything the PDF report says, decided here as plain data so the content can be unit-tested
 * and the PDF builder only lays it out. Text the user typed is carried as it is: the builder
 * draws it as text and never interprets it.
 */

export interface SectionScoreLine {
  id: string;
  title: string;
  /** 0–100, or null when nothing in the section applies. */
  score: number | null;
  scoreText: string;
  answeredText: string;
}

export interface DetailedAnswer {
  title: string;
  question: string;
  level: Level;
  /** "Implemented", "Not applicable (by profile): …", "Unanswered"… */
  answer: string;
  notes: string;
  evidenceRef: string;
  owner: string;
  targetDate: string;
}

/** One kind of answer/evidence conflict as the report states it: a heading, a line each, a note. */
export interface EvidenceConflictBlock {
  kind: AnswerConflict['kind'];
  heading: string;
  lines: string[];
  note: string;
}

/**
 * A finding as the report lists it: `overdue` when its target date passed before the export;
 * `ownerText` and `targetDateText` as printed ("Not assigned", "31 March 2027", "No target date").
 */
export type PlanFinding = ReportFinding & {
  overdue: boolean;
  ownerText: string;
  targetDateText: string;
};

/** The PDF's document information: what a reader, a file store or a search sees of it. */
export interface DocumentProperties {
  title: string;
  subject: string;
  /** The assessor, or '' when the profile does not name one. */
  author: string;
  keywords: string;
  creator: string;
}

export interface ReportModel {
  title: string;
  documentProperties: DocumentProperties;
  organisation: string;
  assessor: { name: string; role: string };
  serviceModel: string;
  /**
   * What the assessment covers, as the profile gives it: the valid entries, comments dropped, and
   * any invalid lines named as left out (see scopeText).
   */
  scope: { mailDomains: string; mailServers: string; networkRanges: string };
  assessmentDate: string;
  exportedAt: string;
  catalogueVersion: string;
  guidance: { title: string; url: string };
  verdict: { code: Verdict; label: string; drivers: string[] };
  /**
   * Answers the recorded block-list run contradicts (`listed`), then those it does not fully
   * support (`gaps`): one block per kind present, for the executive summary. Empty when none.
   */
  evidenceConflicts: EvidenceConflictBlock[];
  overallScore: string;
  progress: string;
  sections: SectionScoreLine[];
  answerCounts: { label: string; count: number }[];
  findings: PlanFinding[];
  topFindings: PlanFinding[];
  details: { id: string; title: string; answers: DetailedAnswer[] }[];
  blocklists: RunSummary | undefined;
  /** `warning`: the answers changed after the sign-off was entered (see signOffStatus). */
  signOff: { name: string; role: string; date: string; warning?: string };
  method: string[];
  verification: string[];
  digest: string;
}

/** How many findings the executive summary names; the remediation plan has them all. */
export const TOP_FINDINGS = 5;

const NOT_GIVEN = 'Not given';

/** How many invalid lines the scope names before "and N more": the rest are in the app. */
const SCOPE_PROBLEMS_SHOWN = 10;

/**
 * A profile field's valid entries on one line ("a, b, c"), without blank lines or # comments.
 * Lines that are not valid for the field are never printed as if they were part of the scope:
 * they are left out and named after it ("1 line in the profile is not a valid address and was
 * left out: '192.0.2.300' (line 2)."), so the reader sees both what is covered and what to fix.
 */
export function scopeText(profile: Profile, field: ScopeField): string {
  const { entries, problems, noun } = checkScopeField(profile, field);
  if (entries.length === 0 && problems.length === 0) return NOT_GIVEN;
  const valid = entries.length > 0 ? entries.join(', ') : 'None valid';
  if (problems.length === 0) return valid;
  const quote = (text: string) => `'${text.length > 60 ? `${text.slice(0, 59)}…` : text}'`;
  const named = problems
    .slice(0, SCOPE_PROBLEMS_SHOWN)
    .map((p) => `${quote(p.text)} (line ${p.line})`)
    .join(', ');
  const more =
    problems.length > SCOPE_PROBLEMS_SHOWN
      ? ` and ${problems.length - SCOPE_PROBLEMS_SHOWN} more`
      : '';
  const left =
    problems.length === 1
      ? `1 line in the profile is not ${noun.one} and was left out`
      : `${problems.length} lines in the profile are not ${noun.many} and were left out`;
  return `${valid}. ${left}: ${named}${more}.`;
}

function scoreText(score: number | null): string {
  return score === null ? 'Not applicable' : `${score}%`;
}

function answerText(state: ControlState): string {
  if (state.kind === 'not-applicable-by-profile') {
    return `Not applicable (by profile): ${state.reason}`;
  }
  if (state.kind === 'unanswered') {
    return state.problem ? `Unanswered (${state.problem.toLowerCase()})` : 'Unanswered';
  }
  if (state.status === 'not-applicable') return `Not applicable: ${state.answer.naReason}`;
  return ANSWER_LABELS[state.status];
}

function verdictDrivers(results: AssessmentResults): string[] {
  const { verdict, failingMusts, unansweredMusts } = results.verdict;
  const failing = failingMusts.map(
    (r) =>
      `MUST not met: ${r.control.title} (${r.state.kind === 'answered' ? ANSWER_LABELS[r.state.status] : 'unanswered'}).`,
  );
  const unanswered = unansweredMusts.map((r) => `MUST unanswered: ${r.control.title}.`);
  const declared = results.verdict.declaredNotApplicableMusts.map(
    (r) =>
      `MUST declared not applicable by the assessor: ${r.control.title} (reason given: ${r.state.kind === 'answered' ? r.state.answer.naReason.trim() : ''}).`,
  );
  // The verdict counts these answers as given, so the reader must see that it rests on them.
  const contradicted = results.conflicts
    .filter((c) => c.kind === 'listed' && c.control.level === 'MUST')
    .map(
      (c) =>
        `MUST answered ${ANSWER_LABELS[c.status]} although the block-list evidence contradicts it: ${c.control.title} (see “${CONFLICT_HEADINGS.listed}”).`,
    );
  if (verdict === 'meets') {
    return [
      contradicted.length > 0
        ? 'Every applicable MUST control is answered Implemented.'
        : 'Every applicable MUST control is implemented.',
      ...declared,
      ...contradicted,
    ];
  }
  return [...failing, ...unanswered, ...declared, ...contradicted];
}

function conflictBlocks(results: AssessmentResults): EvidenceConflictBlock[] {
  return (['listed', 'gaps'] as const)
    .map((kind) => ({
      kind,
      heading: CONFLICT_HEADINGS[kind],
      lines: results.conflicts.filter((c) => c.kind === kind).map(conflictSentence),
      note: CONFLICT_NOTES[kind],
    }))
    .filter((block) => block.lines.length > 0);
}

export function methodText(): string[] {
  return [
    `Each applicable control carries a weight by its requirement level: MUST ${LEVEL_WEIGHTS.MUST}, SHOULD ${LEVEL_WEIGHTS.SHOULD}, MAY ${LEVEL_WEIGHTS.MAY}. ` +
      `An answer earns a share of that weight: Implemented ${ANSWER_CREDIT.implemented * 100}%, Partially implemented ${ANSWER_CREDIT.partial * 100}%, ` +
      `Not implemented ${ANSWER_CREDIT['not-implemented'] * 100}%, Don't know ${ANSWER_CREDIT.unknown * 100}%; unanswered controls earn nothing. ` +
      'Controls that do not apply (by the organisation profile, or answered "not applicable" with a reason) are left out. ' +
      "A section's score is the weight earned divided by the weight possible; the overall score is the same over every section.",
    `The verdict is "${VERDICT_LABELS.meets}" only when every applicable MUST control is implemented. ` +
      `Any MUST answered otherwise (including "partially" and "don't know") gives "${VERDICT_LABELS['does-not-meet']}". ` +
      `If no MUST fails but some are unanswered, the verdict is "${VERDICT_LABELS.incomplete}".`,
    'Findings are the applicable controls answered not implemented, partially implemented or "don\'t know", and every address listed on a DNS block list that passed its health check (test points) in the recorded run. They are ordered by level (MUST first), then by section.',
  ];
}

export function verificationText(digest: string): string[] {
  return [
    `Every page of this report carries the ${DIGEST_ALGORITHM} digest of the assessment it was made from: ${digest}`,
    'The digest covers the canonical form of the assessment content: the file format and schema version, the assessment identifier, creation time and checklist version, the organisation profile, every answer with its evidence notes, reference, owner and target date, the sign-off, and the recorded block-list run. It does not cover where the assessor was in the app, when it was last opened, or block-list preferences. The canonical form is JSON with keys sorted and no whitespace (RFC 8785).',
    'To verify: open the Mail Security Self-Assessment app, go to the results, and in "Verify an exported file" choose the JSON export of this assessment and enter the digest printed here. The app recomputes the digest from the file. If they match, the file holds exactly the content this report was printed from; if not, the content differs (an answer, the evidence, the profile or the sign-off has changed), or the report belongs to another assessment.',
  ];
}

function signOffBlock(assessment: Assessment): ReportModel['signOff'] {
  const { name, role, date } = assessment.signOff;
  const status = signOffStatus(assessment);
  return {
    name,
    role,
    date: date ? formatCalendarDate(date) : '',
    ...(status.kind === 'changed' ? { warning: status.warning } : {}),
  };
}

const KEYWORDS = [
  'mail security',
  'self-assessment',
  'open mail relay',
  'open proxy',
  'DNS block list',
  'DNSBL',
  'Janet',
];

function documentProperties(options: {
  title: string;
  profile: Profile;
  guidance: { title: string };
  catalogueVersion: string;
  digest: string;
}): DocumentProperties {
  const { profile } = options;
  const organisation = profile.organisation.trim();
  const date = profile.assessmentDate ? `, ${formatCalendarDate(profile.assessmentDate)}` : '';
  return {
    title: organisation ? `${options.title}: ${organisation}` : options.title,
    subject:
      `${organisation ? `The mail services of ${organisation}` : 'Mail services'} assessed against ` +
      `${options.guidance.title} (checklist ${options.catalogueVersion})${date}. ` +
      `${DIGEST_ALGORITHM} ${options.digest}`,
    author: profile.assessorName.trim(),
    keywords: [...KEYWORDS, ...(organisation ? [organisation] : [])].join(', '),
    creator: 'Mail Security Self-Assessment',
  };
}

function orNotGiven(text: string): string {
  return text.trim() === '' ? NOT_GIVEN : text;
}

export function buildReportModel(options: {
  catalogue: Catalogue;
  assessment: Assessment;
  results: AssessmentResults;
  digest: string;
  exportedAt: Date;
}): ReportModel {
  const { catalogue, assessment, results, digest } = options;
  const profile = assessment.profile;
  // Overdue as of the day of the export, where the report was made.
  const today = localIsoDate(options.exportedAt);
  const findings = reportFindings(catalogue, assessment, results).map((finding) => ({
    ...finding,
    overdue: isOverdue(finding, today),
    ownerText: findingOwner(finding),
    targetDateText: findingTargetDate(finding),
  }));
  const counted = [
    'implemented',
    'partial',
    'not-implemented',
    'unknown',
    'not-applicable',
  ] as const;
  const run = assessment.lookup.lastRun;
  const title = 'Mail security self-assessment';
  return {
    title,
    documentProperties: documentProperties({
      title,
      profile,
      guidance: catalogue.guidance,
      catalogueVersion: assessment.catalogueVersion,
      digest,
    }),
    organisation: orNotGiven(profile.organisation),
    assessor: { name: orNotGiven(profile.assessorName), role: orNotGiven(profile.assessorRole) },
    serviceModel: profile.serviceModel ? SERVICE_MODEL_LABELS[profile.serviceModel] : NOT_GIVEN,
    scope: {
      mailDomains: scopeText(profile, 'mailDomains'),
      mailServers: scopeText(profile, 'mailServers'),
      networkRanges: scopeText(profile, 'networkRanges'),
    },
    assessmentDate: profile.assessmentDate ? formatCalendarDate(profile.assessmentDate) : NOT_GIVEN,
    exportedAt: formatDateTime(options.exportedAt.toISOString()),
    catalogueVersion: assessment.catalogueVersion,
    guidance: catalogue.guidance,
    verdict: {
      code: results.verdict.verdict,
      label: VERDICT_LABELS[results.verdict.verdict],
      drivers: verdictDrivers(results),
    },
    evidenceConflicts: conflictBlocks(results),
    overallScore: scoreText(results.overall.score),
    progress: `${results.progress.answered} of ${results.progress.applicable} applicable controls answered`,
    sections: results.sections.map((s) => ({
      id: s.section.id,
      title: s.section.title,
      score: s.score,
      scoreText: scoreText(s.score),
      answeredText: `${s.progress.answered} of ${s.progress.applicable}`,
    })),
    answerCounts: [
      ...counted.map((status) => ({
        label: ANSWER_LABELS[status],
        count: results.answerCounts[status],
      })),
      {
        label: 'Not applicable (by profile)',
        count: results.answerCounts['not-applicable-by-profile'],
      },
      { label: 'Unanswered', count: results.answerCounts.unanswered },
    ],
    findings,
    topFindings: findings.slice(0, TOP_FINDINGS),
    details: catalogue.sections.map((section) => ({
      id: section.id,
      title: section.title,
      answers: results.controls
        .filter((r) => r.section.id === section.id)
        .map(({ control, state }) => ({
          title: control.title,
          question: control.question,
          level: control.level,
          answer: answerText(state),
          notes: state.answer?.notes ?? '',
          evidenceRef: state.answer?.evidenceRef ?? '',
          owner: state.answer?.owner ?? '',
          targetDate: state.answer?.targetDate ? formatCalendarDate(state.answer.targetDate) : '',
        })),
    })),
    blocklists: run ? summariseRun(run) : undefined,
    signOff: signOffBlock(assessment),
    method: methodText(),
    verification: verificationText(digest),
    digest,
  };
}
