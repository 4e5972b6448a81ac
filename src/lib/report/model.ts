import type { Assessment, Profile, SignOff } from '../model/assessment';
import { checkScopeField, type ScopeField } from '../assessment/profile-check';
import { SERVICE_MODEL_LABELS, type Catalogue, type Level } from '../model/catalogue';
import { formatCalendarDate, formatDateTime, localIsoDate } from '../shared/dates';
import type { AssessmentResults, Verdict } from '../checklist/results';
import { summariseRun, type RunSummary } from '../blocklists/domain/summary';
import {
  CONFLICT_HEADINGS,
  CONFLICT_KINDS,
  CONFLICT_NOTES,
  conflictSentence,
  type AnswerConflict,
} from '../checklist/evidence-conflicts';
import { DIGEST_ALGORITHM } from '../assessment/canonical';
import { scanReportSection, type ScanReportSection } from '../scans/domain/report-section';
import { softwareSupport } from '../content/software-support';
import {
  findingBasis,
  findingProvenance,
  isOverdue,
  reportFindings,
  type ReportFinding,
} from './findings';
import { PROVENANCE_LEGEND, PROVENANCE_TAGS, provenanceText } from '../checklist/provenance';
import {
  allFindingsText,
  answerCountRows,
  answerText,
  findingAnswer,
  findingEvidence,
  findOutFirstText,
  NO_FINDINGS,
  NOTHING_TO_REMEDIATE,
  OVERDUE,
  PLAN_INTRO,
  SIGN_OFF_STATEMENT,
  APPROVAL_STATEMENT,
  findingOwner,
  findingResponse,
  findingTargetDate,
  methodText,
  progressText,
  scoreLineText,
  scoreText,
  sectionAnsweredText,
  sentenceText,
  VERDICT_LABELS,
  verdictExplanation,
  verificationText,
} from './wording';
import { signatureStatus, signOffDateProblem } from '../assessment/sign-off';
import type { Guidance } from '../model/catalogue';
import {
  documentControl,
  evidenceIndex,
  NO_CHOICES,
  scopeAndCriteria,
  writtenFindings,
  type DocumentControl,
  type EvidenceEntry,
  type ReportChoices,
  type ScopeAndCriteria,
  type WrittenFinding,
} from './audit';
import { NO_COMPARISON, SEVERITY_RULE } from './wording';
import { compareAssessments } from './comparison';
import { comparisonReport, type ComparisonReport } from './comparison-wording';

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
  statement: string;
  level: Level;
  /** Where the control comes from, in full (see checklist/provenance.ts). */
  basis: string;
  /** "Implemented", "Not applicable (by profile): …", "Unanswered"… */
  answer: string;
  notes: string;
  evidenceRef: string;
  owner: string;
  targetDate: string;
  /** The agreed action (management response) as typed, or ''. */
  response: string;
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
  /** "Partially implemented", "Listed"… */
  answerText: string;
  /** Lines under the title: for a listing, what the list said and where to ask for removal. */
  evidenceLines: string[];
  /** For a control answered Don't know, how to find out (see findOutFirstText); else undefined. */
  findOutFirst: string | undefined;
  overdue: boolean;
  /** "Overdue", or '' when it is not. */
  overdueText: string;
  ownerText: string;
  targetDateText: string;
  /** The agreed action as typed, or "None recorded" (see findingResponse). */
  responseText: string;
  /** "Guidance" or "Beyond" (see PROVENANCE_LEGEND), or '' for a listing no control covers. */
  basisTag: string;
  /** "From the guidance" or "Beyond the guidance (source)", as the CSV's Basis column says it. */
  basisText: string;
};

function basisTag(finding: ReportFinding): string {
  const provenance = findingProvenance(finding);
  return provenance ? PROVENANCE_TAGS[provenance.basis] : '';
}

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
  /** Reference, version, date of issue, classification marking and distribution list. */
  documentControl: DocumentControl;
  /** Objective, scope, criteria, what the answers rest on, limitations. */
  scopeAndCriteria: ScopeAndCriteria;
  /** Every finding written out: condition, criterion, risk, recommendation, severity. */
  writtenFindings: WrittenFinding[];
  severityRule: string;
  /** Since the last assessment, in a sentence for the board summary. */
  trend: string;
  /** This assessment against the previous one chosen, when one was (see ./comparison.ts). */
  comparison: ComparisonReport | undefined;
  evidenceIndex: EvidenceEntry[];
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
  /** Both scores and how much is answered: see scoreLineText. */
  scoreLine: string;
  progress: string;
  sections: SectionScoreLine[];
  answerCounts: { label: string; count: number }[];
  findings: PlanFinding[];
  topFindings: PlanFinding[];
  details: { id: string; title: string; answers: DetailedAnswer[] }[];
  blocklists: RunSummary | undefined;
  /** The imported network scans (src/lib/scans/domain/report-section.ts), when there are any. */
  scanEvidence: ScanReportSection | undefined;
  /**
   * `warning`: the sign-off is dated after the day of the report, or the answers changed after it
   * was entered (see signOffDateProblem and signOffStatus).
   */
  signOff: { name: string; role: string; date: string; warning?: string };
  /** The approver's block, printed after the assessor's: blank lines when none was entered. */
  approval: { name: string; role: string; date: string; warning?: string };
  method: string[];
  verification: string[];
  digest: string;
  /** Sentences the report says around its sections (see ./wording.ts). */
  sentences: {
    planIntro: string;
    nothingToRemediate: string;
    noFindings: string;
    /** After the top findings when the plan holds more. */
    allFindings: string | undefined;
    signOffStatement: string;
    approvalStatement: string;
  };
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

/** The verdict's explanation as the report prints it: the summary, then a sentence a line. */
function verdictDrivers(results: AssessmentResults): string[] {
  const { summary, lines } = verdictExplanation(results);
  return [...(summary ? [summary] : []), ...lines.map(sentenceText)];
}

function conflictBlocks(results: AssessmentResults): EvidenceConflictBlock[] {
  return CONFLICT_KINDS.map((kind) => ({
    kind,
    heading: CONFLICT_HEADINGS[kind],
    lines: results.conflicts.filter((c) => c.kind === kind).map(conflictSentence),
    note: CONFLICT_NOTES[kind],
  })).filter((block) => block.lines.length > 0);
}

/** A signature block (the assessor's or the approver's), with what is wrong with it, if anything. */
function signatureBlock(
  assessment: Assessment,
  signOff: SignOff | undefined,
  now: Date,
): ReportModel['signOff'] {
  const { name, role, date } = signOff ?? { name: '', role: '', date: '' };
  const status = signatureStatus(assessment, signOff);
  const warnings = [
    signOff ? signOffDateProblem(signOff, now) : undefined,
    status.kind === 'changed' ? status.warning : undefined,
  ].filter((warning) => warning !== undefined);
  return {
    name,
    role,
    date: date ? formatCalendarDate(date) : '',
    ...(warnings.length > 0 ? { warning: warnings.join(' ') } : {}),
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
  /** The guidance texts: the findings' criteria, risks and recommendations come from them. */
  guidance?: Guidance;
  choices?: ReportChoices;
  /** SHA-256 of the recorded block-list run, for the evidence index. */
  runDigest?: string;
  /** A previous assessment to compare with ("Since the last assessment"). */
  previous?: Assessment;
}): ReportModel {
  const { catalogue, assessment, results, digest } = options;
  const profile = assessment.profile;
  // Overdue as of the day of the export, where the report was made.
  const today = localIsoDate(options.exportedAt);
  const findings = reportFindings(catalogue, assessment, results).map((finding) => ({
    ...finding,
    answerText: findingAnswer(finding),
    evidenceLines: findingEvidence(finding),
    findOutFirst: findOutFirstText(finding, options.guidance),
    overdue: isOverdue(finding, today),
    overdueText: isOverdue(finding, today) ? OVERDUE : '',
    ownerText: findingOwner(finding),
    targetDateText: findingTargetDate(finding),
    responseText: findingResponse(finding),
    basisTag: basisTag(finding),
    basisText: findingBasis(finding),
  }));
  const run = assessment.lookup.lastRun;
  const title = 'Mail security self-assessment';
  const comparison = options.previous
    ? comparisonReport(
        compareAssessments({
          catalogue,
          current: assessment,
          previous: options.previous,
          today,
          currentResults: results,
        }),
      )
    : undefined;
  return {
    title,
    documentControl: documentControl({
      assessment,
      digest,
      exportedAt: options.exportedAt,
      choices: options.choices ?? NO_CHOICES,
    }),
    scopeAndCriteria: scopeAndCriteria({ assessment, results, guidance: catalogue.guidance }),
    writtenFindings: writtenFindings(findings, options.guidance, profile.serviceModel),
    severityRule: SEVERITY_RULE,
    trend: comparison?.trend ?? NO_COMPARISON,
    comparison,
    evidenceIndex: evidenceIndex({ assessment, results, runDigest: options.runDigest }),
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
    scoreLine: scoreLineText(results),
    progress: progressText(results.progress),
    sections: results.sections.map((s) => ({
      id: s.section.id,
      title: s.section.title,
      score: s.score,
      scoreText: scoreText(s.score),
      answeredText: sectionAnsweredText(s.progress),
    })),
    answerCounts: answerCountRows(results.answerCounts),
    findings,
    topFindings: findings.slice(0, TOP_FINDINGS),
    details: catalogue.sections.map((section) => ({
      id: section.id,
      title: section.title,
      answers: results.controls
        .filter((r) => r.section.id === section.id)
        .map(({ control, state }) => ({
          title: control.title,
          statement: control.statement,
          level: control.level,
          basis: provenanceText(control.provenance),
          answer: answerText(state),
          notes: state.answer?.notes ?? '',
          evidenceRef: state.answer?.evidenceRef ?? '',
          owner: state.answer?.owner ?? '',
          targetDate: state.answer?.targetDate ? formatCalendarDate(state.answer.targetDate) : '',
          response: state.answer?.response?.trim() ?? '',
        })),
    })),
    blocklists: run ? summariseRun(run) : undefined,
    scanEvidence: scanReportSection(assessment.scans, profile, softwareSupport),
    signOff: signatureBlock(assessment, assessment.signOff, options.exportedAt),
    approval: signatureBlock(assessment, assessment.approval, options.exportedAt),
    method: methodText(),
    sentences: {
      planIntro: `${PLAN_INTRO} ${PROVENANCE_LEGEND}`,
      nothingToRemediate: NOTHING_TO_REMEDIATE,
      noFindings: NO_FINDINGS,
      allFindings: allFindingsText(Math.min(findings.length, TOP_FINDINGS), findings.length),
      signOffStatement: SIGN_OFF_STATEMENT,
      approvalStatement: APPROVAL_STATEMENT,
    },
    verification: verificationText(digest),
    digest,
  };
}
