import { PLATFORM_LABELS, plainText, type Fix, type Step } from '../model/catalogue';
import { delistingText, listSaid } from '../blocklists/domain/wording';
import {
  SCAN_FINDING_ADVICE,
  scanFindingEvidence,
  scanSource,
} from '../scans/domain/finding-wording';
import { findingBasis, isOverdue, type ReportFinding } from './findings';
import { commandPieces, commandText, NO_VALUES, type SlotValues } from '../checklist/commands';
import {
  findOutFirstText,
  findingAnswer,
  findingOwner,
  findingResponseText,
  findingTargetDate,
  OVERDUE,
  type ChecksByControl,
} from './wording';

/**
 * The remediation plan as a CSV file for the people who fix things. It has to open cleanly in a
 * spreadsheet and must never run anything there: UTF-8 with a byte-order mark (so Excel reads
 * Welsh and other non-ASCII text correctly), every field quoted, CRLF line ends (RFC 4180), and
 * any cell that a spreadsheet would read as a formula neutralised.
 */

export const ACTION_PLAN_COLUMNS = [
  'Control',
  'Level',
  'Basis',
  'Section',
  'Answer',
  'Owner',
  'Target date',
  'Overdue',
  'Agreed action',
  'Evidence notes',
  'Evidence reference',
  'What to do',
] as const;

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Cells a spreadsheet may read as a formula (OWASP "CSV injection"): = + - @ at the start, also
 * after spaces or other blanks (some spreadsheets trim them first), in their full-width forms
 * (＝ ＋ － ＠, which some normalise), and any cell starting with a tab, carriage return or line
 * feed, which some skip before looking.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** A cell that would start a formula gets a leading apostrophe, so it shows as plain text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field: neutralised, then quoted with inner quotes doubled. */
export function csvField(value: string): string {
  return `"${neutraliseFormula(value).replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BYTE_ORDER_MARK + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** How to check and fix each control, by control id (the guidance texts, loaded with them). */
export type FixesByControl = Readonly<
  Record<string, { howToFix: readonly Fix[]; howToCheck: readonly Fix[] } | undefined>
>;

/** Code lines in a cell are indented, so they stand apart from the explanation around them. */
const CODE_INDENT = '    ';

/**
 * Every platform's fix in full, as plain text: each step's explanation followed by its command
 * or configuration, indented. A step's text often leads into its command ("…like this:"), so the
 * command has to be in the cell too: a spreadsheet has no "below" to point to. Commands carry the
 * organisation's own values from the profile, quoted exactly as the screen quotes them (see
 * checklist/commands.ts); a value missing or unsafe leaves its placeholder, as on the screen.
 */
export function fixText(fixes: readonly Fix[], values: SlotValues = NO_VALUES): string {
  return fixes
    .map((fix) => [`${PLATFORM_LABELS[fix.platform]}:`, ...stepLines(fix.steps, values)].join('\n'))
    .join('\n\n');
}

/** Steps as lines: numbered when there are several, each command indented under its text. */
function stepLines(steps: readonly Step[], values: SlotValues): string[] {
  const lines: string[] = [];
  steps.forEach((step, i) => {
    const text = plainText(step.text);
    lines.push(steps.length > 1 ? `${i + 1}. ${text}` : text);
    if (step.code) {
      const command = commandText(commandPieces(step, values));
      for (const line of command.split('\n')) lines.push(`${CODE_INDENT}${line}`);
    }
  });
  return lines;
}

/**
 * What to do about a control finding. Answered Don't know, it starts with how to find out (the
 * same words as the screen and the PDF), then every check step, then the fixes for when the
 * answer turns out to be no.
 */
function controlAdvice(
  finding: Extract<ReportFinding, { kind: 'control' }>,
  guidance: FixesByControl,
  values: SlotValues,
): string {
  const texts = guidance[finding.control.id];
  const fixes = fixText(texts?.howToFix ?? [], values);
  const findOut = findOutFirstText(finding, guidance satisfies ChecksByControl);
  if (!findOut) return fixes;
  return [
    findOut,
    `How to check:\n${fixText(texts?.howToCheck ?? [], values)}`,
    `If it is not in place:\n${fixes}`,
  ].join('\n\n');
}

/** What the list said about the address: the evidence behind a listing row. */
/** For a listing: where to ask for removal, then how to stop the cause (the control's fixes). */
function listingAdvice(
  finding: Extract<ReportFinding, { kind: 'listing' }>,
  guidance: FixesByControl,
  values: SlotValues,
): string {
  const lines = [delistingText(finding.listing)];
  const fixes = finding.control && guidance[finding.control.id]?.howToFix;
  if (fixes)
    lines.push('Then stop the cause, so the address is not listed again.', fixText(fixes, values));
  return lines.join('\n');
}

/**
 * One row per finding, under the column names. `today` (YYYY-MM-DD, where the user is) decides
 * which are overdue, as of the day the file is made; `values` are the profile's own values for
 * the commands (checklist/commands.ts slotValues), none by default.
 */
export function actionPlanRows(
  findings: readonly ReportFinding[],
  guidance: FixesByControl,
  today: string,
  values: SlotValues = NO_VALUES,
): string[][] {
  const rows: string[][] = [[...ACTION_PLAN_COLUMNS]];
  for (const finding of findings) {
    // The same words as the screen and the PDF ("31 March 2027", or "No target date"): one date
    // format everywhere. Spreadsheets set to English read "31 March 2027" as a date when opened.
    const target = findingTargetDate(finding);
    const common = [
      finding.title,
      finding.level,
      findingBasis(finding),
      finding.section.title,
      findingAnswer(finding),
      findingOwner(finding),
      target,
      isOverdue(finding, today) ? OVERDUE : '',
      // As typed, or empty: a spreadsheet filters the blanks, so no "None recorded" here.
      findingResponseText(finding),
    ];
    if (finding.kind === 'control') {
      rows.push([
        ...common,
        finding.answer.notes,
        finding.answer.evidenceRef,
        controlAdvice(finding, guidance, values),
      ]);
    } else if (finding.kind === 'scan') {
      rows.push([
        ...common,
        scanFindingEvidence(finding.scan),
        // Where the evidence came from: the scan file, its vantage point and time.
        scanSource(finding.scan),
        SCAN_FINDING_ADVICE[finding.scan.kind],
      ]);
    } else {
      rows.push([
        ...common,
        listSaid(finding.listing).join('\n'),
        // Where the evidence came from: the recorded block-list run, this list's zone.
        `Block-list check: ${finding.listing.list.zone}`,
        listingAdvice(finding, guidance, values),
      ]);
    }
  }
  return rows;
}

export function actionPlanCsv(
  findings: readonly ReportFinding[],
  guidance: FixesByControl,
  today: string,
  values: SlotValues = NO_VALUES,
): string {
  return toCsv(actionPlanRows(findings, guidance, today, values));
}
