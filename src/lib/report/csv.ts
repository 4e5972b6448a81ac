import { ANSWER_LABELS } from '../model/assessment';
import { PLATFORM_LABELS, plainText, type Fix } from '../model/catalogue';
import type { ReportFinding } from './findings';
import { findingOwner, findingTargetIso, NO_TARGET_DATE } from './wording';

/**
 * The remediation plan as a CSV file for the people who fix things. It has to open cleanly in a
 * spreadsheet and must never run anything there: UTF-8 with a byte-order mark (so Excel reads
 * Welsh and other non-ASCII text correctly), every field quoted, CRLF line ends (RFC 4180), and
 * any cell that a spreadsheet would read as a formula neutralised.
 */

export const ACTION_PLAN_COLUMNS = [
  'Control',
  'Level',
  'Section',
  'Answer',
  'Owner',
  'Target date',
  'Evidence notes',
  'Evidence reference',
  'What to do',
] as const;

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"): = + - @,
 * and tab or carriage return, which some spreadsheets skip before looking for one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

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

/** How to fix each control, by control id (the checklist's guidance texts, loaded with them). */
export type FixesByControl = Readonly<Record<string, { howToFix: readonly Fix[] } | undefined>>;

/** Code lines in a cell are indented, so they stand apart from the explanation around them. */
const CODE_INDENT = '    ';

/**
 * Every platform's fix in full, as plain text: each step's explanation followed by its command
 * or configuration, indented. A step's text often leads into its command ("…like this:"), so the
 * command has to be in the cell too: a spreadsheet has no "below" to point to.
 */
export function fixText(fixes: readonly Fix[]): string {
  return fixes
    .map((fix) => {
      const lines = [`${PLATFORM_LABELS[fix.platform]}:`];
      fix.steps.forEach((step, i) => {
        const text = plainText(step.text);
        lines.push(fix.steps.length > 1 ? `${i + 1}. ${text}` : text);
        if (step.code) {
          for (const line of step.code.split('\n')) lines.push(`${CODE_INDENT}${line}`);
        }
      });
      return lines.join('\n');
    })
    .join('\n\n');
}

/** What the list said about the address: the evidence behind a listing row. */
function listingEvidence(finding: Extract<ReportFinding, { kind: 'listing' }>): string {
  const { listing } = finding;
  const lines: string[] = [];
  const meaning = listing.meanings.length > 0 ? listing.meanings : listing.codes;
  if (meaning.length > 0) lines.push(`The list says: ${meaning.join('; ')}`);
  if (listing.txt) lines.push(`Reason given: ${listing.txt}`);
  return lines.join('\n');
}

function listingAdvice(
  finding: Extract<ReportFinding, { kind: 'listing' }>,
  guidance: FixesByControl,
): string {
  const { listing, control } = finding;
  const lines: string[] = [
    listing.lookupUrl
      ? `Look up the listing and request removal: ${listing.lookupUrl}`
      : `No lookup or delisting page is recorded for ${listing.list.name}: ask its operator how to be removed.`,
  ];
  const fixes = control && guidance[control.id]?.howToFix;
  if (fixes) lines.push('Then stop the cause, so the address is not listed again.', fixText(fixes));
  return lines.join('\n');
}

export function actionPlanRows(
  findings: readonly ReportFinding[],
  guidance: FixesByControl,
): string[][] {
  const rows: string[][] = [[...ACTION_PLAN_COLUMNS]];
  for (const finding of findings) {
    // The target date stays ISO (2027-03-31) here, unlike the PDF: a spreadsheet sorts and
    // filters it as a date. Only the empty case is spelled out, as everywhere else.
    const target = findingTargetIso(finding) || NO_TARGET_DATE;
    const common = [finding.title, finding.level, finding.section.title];
    if (finding.kind === 'control') {
      rows.push([
        ...common,
        ANSWER_LABELS[finding.status],
        findingOwner(finding),
        target,
        finding.answer.notes,
        finding.answer.evidenceRef,
        fixText(guidance[finding.control.id]?.howToFix ?? []),
      ]);
    } else {
      rows.push([
        ...common,
        'Listed',
        findingOwner(finding),
        target,
        listingEvidence(finding),
        // Where the evidence came from: the recorded block-list run, this list's zone.
        `Block-list check: ${finding.listing.list.zone}`,
        listingAdvice(finding, guidance),
      ]);
    }
  }
  return rows;
}

export function actionPlanCsv(
  findings: readonly ReportFinding[],
  guidance: FixesByControl,
): string {
  return toCsv(actionPlanRows(findings, guidance));
}
