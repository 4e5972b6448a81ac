import type { Assessment, Profile } from '../model/assessment';
import {
  PLATFORM_LABELS,
  plainParagraphs,
  plainText,
  type Control,
  type Fix,
  type Guidance,
  type Platform,
} from '../model/catalogue';
import type { AssessmentResults } from '../checklist/results';
import { provenanceText } from '../checklist/provenance';
import { formatDateTime } from '../shared/dates';
import { plural } from '../shared/format';
import { approvalStatus, signOffStatus } from '../assessment/sign-off';
import type { ReportFinding } from './findings';
import {
  CLASSIFICATION_MAX,
  COMMANDS_ELSEWHERE,
  NO_RECOMMENDATION,
  OBJECTIVE,
  SEVERITY_RULE,
  evidenceBasisText,
  findingCondition,
  limitationsText,
  reportReference,
  severityOf,
  VERSION_LABELS,
  type Severity,
} from './wording';

/**
 * The parts of the report an auditor files it by, as plain data: document control, objective and
 * scope, findings written out (condition, criterion, risk, recommendation, severity), the
 * evidence index and the one-page board summary. Pure: the PDF and the DOCX only lay them out.
 */

/** What the user chose for this report alone (not stored in the assessment). */
export interface ReportChoices {
  /** A protective marking such as OFFICIAL or OFFICIAL-SENSITIVE, printed on every page; '' for none. */
  classification: string;
  /** Who receives the report, one a line; '' for none. */
  distribution: string;
}

export const NO_CHOICES: ReportChoices = { classification: '', distribution: '' };

export interface DocumentControl {
  reference: string;
  version: string;
  issued: string;
  classification: string;
  distribution: string[];
}

export function documentControl(options: {
  assessment: Assessment;
  digest: string;
  exportedAt: Date;
  choices: ReportChoices;
}): DocumentControl {
  const status = signOffStatus(options.assessment);
  // Final only while the assessor's sign-off covers the answers as they are, and the approver's
  // too when there is one.
  const approval = approvalStatus(options.assessment);
  const final =
    status.kind === 'current' && (approval.kind === 'none' || approval.kind === 'current');
  return {
    reference: reportReference(options.digest),
    version: final ? VERSION_LABELS.final : VERSION_LABELS.draft,
    issued: formatDateTime(options.exportedAt.toISOString()),
    classification: options.choices.classification.trim().slice(0, CLASSIFICATION_MAX),
    distribution: options.choices.distribution
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
}

/** Which platforms' fixes a finding recommends, by how the organisation provides mail. */
export function platformsFor(serviceModel: Profile['serviceModel']): ReadonlySet<Platform> {
  const everyHost: Platform[] = ['general', 'firewall', 'linux', 'windows'];
  const servers: Platform[] = ['postfix', 'exim', 'sendmail', 'exchange'];
  switch (serviceModel) {
    case 'hosted':
      return new Set([...everyHost, 'hosted']);
    case 'none':
      return new Set(everyHost);
    case 'own':
      return new Set([...everyHost, ...servers]);
    default:
      return new Set([...everyHost, ...servers, 'hosted']);
  }
}

/**
 * A fix per platform in words: each step's explanation, without its commands (those are in the
 * app and, in full, in the CSV action plan; the report says so).
 */
export function fixSummary(fixes: readonly Fix[]): string {
  return [
    ...fixes.map((fix) =>
      [`${PLATFORM_LABELS[fix.platform]}:`, ...fix.steps.map((step) => plainText(step.text))].join(
        ' ',
      ),
    ),
    COMMANDS_ELSEWHERE,
  ].join('\n');
}

export interface WrittenFinding {
  number: number;
  title: string;
  severity: Severity;
  level: string;
  condition: string;
  /** The requirement quoted from the guidance (or its source beyond it), and where it comes from. */
  criterion: string;
  provenance: string;
  risk: string;
  recommendation: string;
  owner: string;
  targetDate: string;
  /** The agreed action (management response), or "None recorded". */
  response: string;
}

export function writtenFindings(
  findings: readonly (ReportFinding & {
    ownerText: string;
    targetDateText: string;
    responseText: string;
  })[],
  guidance: Guidance | undefined,
  serviceModel: Profile['serviceModel'],
): WrittenFinding[] {
  const platforms = platformsFor(serviceModel);
  return findings.map((finding, i) => {
    const control: Control | undefined = finding.control;
    const text = control ? guidance?.[control.id] : undefined;
    const fixes = (text?.howToFix ?? []).filter((fix) => platforms.has(fix.platform));
    return {
      number: i + 1,
      title: finding.title,
      severity: severityOf(finding),
      level: finding.level,
      condition: findingCondition(finding),
      criterion: text ? plainParagraphs(text.source) : (control?.statement ?? finding.title),
      provenance: control ? provenanceText(control.provenance) : '',
      risk: text ? plainText(text.why[0] ?? []) : '',
      recommendation: fixes.length > 0 ? fixSummary(fixes) : NO_RECOMMENDATION,
      owner: finding.ownerText,
      targetDate: finding.targetDateText,
      response: finding.responseText,
    };
  });
}

export interface ScopeAndCriteria {
  objective: string;
  criteria: string;
  /** What the answers rest on: tested evidence or the assessor's statement. */
  evidenceBasis: string;
  tested: { control: string; evidence: string }[];
  limitations: string[];
}

export function scopeAndCriteria(options: {
  assessment: Assessment;
  results: AssessmentResults;
  guidance: { title: string; url: string };
}): ScopeAndCriteria {
  const { assessment, results } = options;
  const run = assessment.lookup.lastRun;
  const applicable = results.controls.filter((r) => r.state.kind !== 'not-applicable-by-profile');
  const tested = run
    ? applicable
        .filter((r) => r.control.evidenceFromLookup)
        .map((r) => ({
          control: r.control.title,
          evidence: `Block-list check of ${formatDateTime(run.startedAt)} (${plural(run.addresses.length, 'address', 'addresses')}, ${plural(run.lists.length, 'list', 'lists')})`,
        }))
    : [];
  return {
    objective: OBJECTIVE,
    criteria: `${options.guidance.title} (${options.guidance.url}), checklist version ${assessment.catalogueVersion}.`,
    evidenceBasis: evidenceBasisText(tested.length, applicable.length),
    tested,
    limitations: limitationsText(),
  };
}

export interface EvidenceEntry {
  kind: string;
  item: string;
  reference: string;
  time: string;
}

/**
 * Every evidence reference typed, the recorded block-list run with its time and hash, and each
 * imported network scan with the SHA-256 of its file.
 */
export function evidenceIndex(options: {
  assessment: Assessment;
  results: AssessmentResults;
  runDigest: string | undefined;
}): EvidenceEntry[] {
  const entries: EvidenceEntry[] = [];
  const run = options.assessment.lookup.lastRun;
  if (run) {
    entries.push({
      kind: 'Block-list check',
      item: `${plural(run.addresses.length, 'address', 'addresses')} × ${plural(run.lists.length, 'list', 'lists')} through ${run.resolver.label}`,
      reference: options.runDigest ? `SHA-256 ${options.runDigest}` : '',
      time: formatDateTime(run.startedAt),
    });
  }
  for (const scan of options.assessment.scans) {
    entries.push({
      kind: 'Network scan',
      item: `${scan.fileName} (${scan.vantage} view, nmap ${scan.nmapVersion})`,
      reference: `SHA-256 ${scan.sha256}`,
      time: scan.startedAt ? formatDateTime(scan.startedAt) : '',
    });
  }
  for (const { control, state } of options.results.controls) {
    const ref = state.kind === 'answered' ? state.answer.evidenceRef.trim() : '';
    if (ref) entries.push({ kind: 'Reference', item: control.title, reference: ref, time: '' });
  }
  return entries;
}

export { SEVERITY_RULE };
